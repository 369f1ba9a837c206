# ---- durations: reading them as seconds, writing them with a pattern
# (gemfill-dsl time/duration.rs) ----------------------------------------------------------------

_DURATION_UNIT_WORDS = (
    (("w", "wk", "wks", "week", "weeks"), "604800"),
    (("d", "day", "days"), "86400"),
    (("h", "hr", "hrs", "hour", "hours"), "3600"),
    (("m", "min", "mins", "minute", "minutes"), "60"),
    (("s", "sec", "secs", "second", "seconds"), "1"),
    (("ms", "msec", "msecs", "millisecond", "milliseconds"), "0.001"),
)


def _read_duration(text):
    """The first duration in `text`, in seconds: 2:30, 2h 30m, 1 day, 2 hours and 3 minutes,
    PT2H30M, with a minus before it for a negative one."""
    for start, c in enumerate(text):
        if not (_is_ascii_digit(c) or c in "P-−+"):
            continue
        if start > 0:
            before = text[start - 1]
            if _is_alphanumeric(before) or before == "." or \
                    (_is_ascii_digit(c) and before in "-−+"):
                continue
        cursor = _TimeCursor(text, start)
        negative = cursor.eat("-") or cursor.eat("−")
        if not negative:
            cursor.eat("+")
        body = cursor.at
        for reader in (_iso_duration, _clock_duration, _word_duration):
            cursor.at = body
            seconds = reader(cursor)
            if seconds is not None:
                return _dec_neg(seconds) if negative else seconds
    raise LibraryError(f"'{_shorten(text)}' has no duration in it")


def _duration_number(cursor):
    """Digits with an optional . (or ,) and more digits, as Decimal::from_str reads them."""
    start = cursor.at
    if cursor.digit_text(1, 20) is None:
        return None
    before_point = cursor.at
    if (cursor.eat(".") or cursor.eat(",")) and cursor.digit_text(1, 20) is None:
        cursor.at = before_point
    return _dec_from_str(cursor.text[start:cursor.at].replace(",", "."))


def _duration_too_long(cursor):
    return LibraryError(f"'{_shorten(cursor.text)}' has no duration in it")


def _iso_duration(cursor):
    """PT2H30M, P1DT2H, P2W."""
    start = cursor.at
    if not cursor.eat("P"):
        return None
    total, in_time, parts = _DEC_ZERO, False, 0
    while True:
        if not in_time and cursor.eat("T"):
            in_time = True
            continue
        amount = _duration_number(cursor)
        if amount is None:
            break
        designator = cursor.peek()
        if not in_time and designator in ("Y", "M"):
            cursor.at += 1
            raise LibraryError(f"'{cursor.text[start:cursor.at]}': months and years have no "
                               "fixed length, so they cannot be a duration")
        seconds = {(False, "W"): 604800, (False, "D"): 86400, (True, "H"): 3600,
                   (True, "M"): 60, (True, "S"): 1}.get((in_time, designator))
        if seconds is None:
            return None
        cursor.at += 1
        parts += 1
        part = _dec_mul(amount, _dec_int(seconds))
        total = None if part is None else _dec_add(total, part)
        if total is None:
            raise _duration_too_long(cursor)
    following = cursor.peek()
    ends = following is None or not _is_alphanumeric(following)
    return total if parts > 0 and ends else None


def _clock_duration(cursor):
    """2:30, 2:30:15, 1:02:03.5."""
    hours = cursor.digits(1, 6)
    if hours is None or not cursor.eat(":"):
        return None
    minutes = cursor.digits(2, 2)
    if minutes is None:
        return None
    seconds = _DEC_ZERO
    before_seconds = cursor.at
    if cursor.eat(":"):
        value = _duration_number(cursor)
        digits = 0
        while before_seconds + 1 + digits < len(cursor.text) and \
                _is_ascii_digit(cursor.text[before_seconds + 1 + digits]):
            digits += 1
        if value is not None and digits == 2:
            seconds = value
        else:
            cursor.at = before_seconds
    following = cursor.peek()
    if following is not None and (_is_ascii_digit(following) or following == ":"):
        return None
    return _dec_add(_dec_int(hours * 3600 + minutes * 60), seconds)


def _word_duration(cursor):
    """2h 30m, 90 minutes, 1 day, 2 hours and 3 minutes."""
    total, parts = _DEC_ZERO, 0
    while True:
        before_part = cursor.at
        amount = _duration_number(cursor)
        if amount is None:
            break
        cursor.skip_spaces()
        word = cursor.word().lower()
        unit = next((seconds for names, seconds in _DURATION_UNIT_WORDS if word in names), None)
        if unit is None:
            cursor.at = before_part
            break
        cursor.at += len(word)
        parts += 1
        part = _dec_mul(amount, _dec_from_str(unit))
        total = None if part is None else _dec_add(total, part)
        if total is None:
            raise _duration_too_long(cursor)
        before_separator = cursor.at
        cursor.eat(",")
        cursor.skip_spaces()
        if cursor.word().lower() == "and":
            cursor.at += 3
            cursor.skip_spaces()
        if not cursor.peek_digit():
            cursor.at = before_separator
            break
    return total if parts > 0 else None


# Units of a duration pattern, longest first.
_DURATION_PATTERN_UNITS = {"d": ("days", 86400), "h": ("hours", 3600), "H": ("hours", 3600),
                           "m": ("minutes", 60), "s": ("seconds", 1)}
_DURATION_ORDER = ("days", "hours", "minutes", "seconds")
_DURATION_SECONDS = {"days": 86400, "hours": 3600, "minutes": 60, "seconds": 1}


class DurationPattern:
    """A parsed duration pattern (`hh:mm:ss`, `h'h' mm'm'`): fields d, h or H, m, s (two
    letters pad to two digits) and S… (fractions of a second); the largest field holds the
    whole total."""

    def __init__(self, source):
        self.source = source
        fields = []
        try:
            for piece in _split_date_pattern(source):
                if piece[0] == "literal":
                    fields.append(piece)
                else:
                    fields.append(_duration_field(piece[1], piece[2]))
            if all(field[0] == "literal" for field in fields):
                raise _PatternProblem("a duration pattern needs at least one of d, h, m or s")
        except _PatternProblem as problem:
            raise _date_pattern_error(source, problem) from None
        self.fields = fields

    def __str__(self):
        return self.source

    def format(self, seconds):
        """A duration of `seconds` written with this pattern, rounded half away from zero to
        the smallest field."""
        fraction_digits = next((f[1] for f in self.fields if f[0] == "fraction"), None)
        units = sorted({f[1] for f in self.fields if f[0] == "unit"}, key=_DURATION_ORDER.index)
        ticks_per_second = 10 ** (fraction_digits or 0)
        if fraction_digits is not None:
            tick = _dec(False, 1, fraction_digits)
        elif units:
            tick = _dec_int(_DURATION_SECONDS[units[-1]])
        else:
            tick = _DEC_ONE
        rounded = _round_to_multiple(_dec_abs(seconds), tick, "half_up")
        ticks = _dec_div(rounded, tick)
        if ticks is None:
            raise _overflow("writing the duration")
        ticks = _dec_to_i128(ticks)
        if fraction_digits is None:
            ticks *= _DURATION_SECONDS[units[-1]] if units else 1
        remaining, values = ticks, {}
        for unit in units:
            per = _DURATION_SECONDS[unit] * ticks_per_second
            values[unit] = _trunc_div(remaining, per)
            remaining = remaining - values[unit] * per
        out = "-" if ticks != 0 and _dec_is_negative(seconds) else ""
        for field in self.fields:
            if field[0] == "literal":
                out += field[1]
            elif field[0] == "unit":
                out += str(values.get(field[1], 0)).rjust(field[2], "0")
            else:
                out += str(remaining).rjust(field[1], "0")
        return out


def _trunc_div(a, b):
    """Integer division toward zero, as Rust's."""
    quotient = abs(a) // abs(b)
    return quotient if (a >= 0) == (b >= 0) else -quotient


def _duration_field(letter, run):
    if letter == "S":
        if 1 <= run <= 9:
            return ("fraction", run)
        raise _PatternProblem(f"'{'S' * run}' is not a field; use S to SSSSSSSSS")
    if letter not in _DURATION_PATTERN_UNITS:
        raise _PatternProblem(f"'{letter}' is not a duration field (d, h, m, s, S); put literal "
                              "text in single quotes")
    if run > 2:
        raise _PatternProblem(
            f"'{letter * run}' is not a field; use one or two letters (h or hh)")
    return ("unit", _DURATION_PATTERN_UNITS[letter][0], run)
