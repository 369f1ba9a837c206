# ---- the first date or time in a text, in any common format (gemfill-dsl time/any.rs) -------

_ORDERS = ("month_first", "day_first", "year_first")


def _read_any(text, order):
    """The first date, time or date-time in `text`; `order` (month_first, day_first or
    year_first) says how to read all-numeric dates."""
    for start, c in enumerate(text):
        if not (c.isascii() and c.isalnum()):
            continue
        if start > 0:
            before = text[start - 1]
            if (_is_ascii_digit(before) and _is_ascii_digit(c)) or \
                    (_is_alphabetic(before) and _is_alphabetic(c)):
                continue
        cursor = _TimeCursor(text, start)
        parts = _read_any_at(cursor, order)
        if parts is not None:
            return parts.into_moment(_trim_end(text[start:cursor.at]))
    raise LibraryError(f"'{_shorten(text)}' has no date or time in it")


def _trim_end(text):
    end = len(text)
    while end > 0 and text[end - 1] in _UNICODE_WHITE_SPACE:
        end -= 1
    return text[:end]


def _read_any_at(cursor, order):
    """A date (with an optional time after it) or a time alone at the cursor."""
    start = cursor.at
    parts = _read_any_date(cursor, order)
    if parts is not None:
        after_date = cursor.at
        if not _time_after_date(cursor, parts):
            cursor.at = after_date
        return parts
    cursor.at = start
    parts = _Parts()
    if _read_any_time(cursor, parts):
        return parts
    cursor.at = start
    return None


def _number_ends(cursor):
    """Whether no digit follows (the number read is whole)."""
    return not cursor.peek_digit()


def _date_parts(year, month, day=None):
    parts = _Parts()
    parts.year, parts.month, parts.day = year, month, day
    return parts


def _read_any_date(cursor, order):
    start = cursor.at
    weekday = cursor.weekday_name(False)
    if weekday is not None:
        cursor.eat(",")
        cursor.skip_spaces()
        parts = _read_any_date(cursor, order)
        if parts is None:
            cursor.at = start
            return None
        parts.weekday = weekday
        return parts
    for reader in (_numeric_date, _compact_date, _day_then_month_name, _month_name_first):
        cursor.at = start
        parts = reader(cursor, order)
        if parts is not None:
            return parts
    cursor.at = start
    return None


def _numeric_date(cursor, order):
    """2023-07-04, 7/4/2023, 4.7.23."""
    first = cursor.digit_text(1, 4)
    if first is None:
        return None
    separator = cursor.peek()
    if separator not in ("-", "/", "."):
        return None
    cursor.eat(separator)
    second = cursor.digits(1, 2)
    if second is None or not cursor.eat(separator):
        return None
    third = cursor.digit_text(1, 4)
    if third is None or not _number_ends(cursor):
        return None

    def year_of(text):
        if len(text) == 4:
            return int(text)
        return _expand_two_digit_year(int(text)) if len(text) == 2 else None

    if len(first) == 4:
        return _date_parts(int(first), second, int(third))
    if len(first) > 2:
        return None
    year = year_of(third)
    if year is None:
        return None
    if separator == "." or order == "day_first":
        return _date_parts(year, second, int(first))
    if order == "year_first" and len(third) == 2:
        first_year = year_of(first)
        return None if first_year is None else _date_parts(first_year, second, int(third))
    return _date_parts(year, int(first), second)


def _compact_date(cursor, order):
    """20230704, 07042023."""
    digits = cursor.digit_text(8, 8)
    if digits is None or not _number_ends(cursor):
        return None
    candidates = [(int(digits[:4]), int(digits[4:6]), int(digits[6:]))]
    if order == "month_first":
        candidates.append((int(digits[4:]), int(digits[:2]), int(digits[2:4])))
    elif order == "day_first":
        candidates.append((int(digits[4:]), int(digits[2:4]), int(digits[:2])))
    for year, month, day in candidates:
        if _date_of(year, month, day) is not None:
            return _date_parts(year, month, day)
    return None


def _skip_ordinal(cursor):
    """An ordinal suffix (st, nd, rd, th) right after a day, if there is one."""
    word = cursor.word()
    if word.lower() in ("st", "nd", "rd", "th"):
        cursor.at += len(word)


def _date_separator(cursor):
    """Spaces, or one of - . / , with optional spaces around it."""
    spaces = cursor.skip_spaces()
    mark = cursor.eat("-") or cursor.eat(".") or cursor.eat("/") or cursor.eat(",")
    after = cursor.skip_spaces()
    return spaces + after > 0 or mark


def _any_year(cursor):
    """A year of four digits, or of two; not followed by digits."""
    text = cursor.digit_text(2, 4)
    if text is None or not _number_ends(cursor):
        return None
    if len(text) == 4:
        return int(text)
    return _expand_two_digit_year(int(text)) if len(text) == 2 else None


def _day_then_month_name(cursor, _order):
    """4 July 2023, 4-Jul-23, 4th of July, 2023."""
    day = cursor.digits(1, 2)
    if day is None or not _number_ends(cursor):
        return None
    _skip_ordinal(cursor)
    if not _date_separator(cursor):
        return None
    if cursor.word().lower() == "of":
        cursor.at += 2
        cursor.skip_spaces()
    month = cursor.month_name(False)
    if month is None or not _date_separator(cursor):
        return None
    year = _any_year(cursor)
    return None if year is None else _date_parts(year, month, day)


def _month_name_first(cursor, _order):
    """Jul 4 2023, July 4th, 2023, Jul-04-2023, July 2023."""
    month = cursor.month_name(False)
    if month is None or not _date_separator(cursor):
        return None
    before_day = cursor.at
    day = cursor.digits(1, 2)
    if day is not None and _number_ends(cursor):
        _skip_ordinal(cursor)
        if _date_separator(cursor):
            year = _any_year(cursor)
            if year is not None:
                return _date_parts(year, month, day)
    cursor.at = before_day
    year = cursor.digits(4, 4)
    if year is None or not _number_ends(cursor):
        return None
    return _date_parts(year, month)


def _time_after_date(cursor, parts):
    """A time after a date: T15:30, ` 3:30 PM`, `, 10:00`, ` at 10am`."""
    if not cursor.eat("T"):
        cursor.eat(",")
        spaces = cursor.skip_spaces()
        if cursor.word().lower() == "at":
            cursor.at += 2
            cursor.skip_spaces()
        elif cursor.eat("@"):
            cursor.skip_spaces()
        elif spaces == 0:
            return False
    return _read_any_time(cursor, parts)


def _read_any_time(cursor, parts):
    """A time of day at the cursor, with an optional offset after it."""
    start = cursor.at
    hour = cursor.digits(1, 2)
    if hour is None:
        return False
    found = _Parts()
    if cursor.eat(":"):
        found.minute = cursor.digits(2, 2)
        if found.minute is None:
            return False
        if cursor.eat(":"):
            found.second = cursor.digits(2, 2)
            if found.second is None:
                return False
            before_fraction = cursor.at
            fraction = None
            if cursor.eat(".") or cursor.eat(","):
                fraction = cursor.digit_text(1, 9)
            if fraction is not None:
                found.nanos = int(fraction.ljust(9, "0"))
            else:
                cursor.at = before_fraction
        if not _number_ends(cursor):
            return False
        _set_hour(cursor, found, hour)
    else:
        cursor.at = start
        digits = cursor.digit_text(1, 4) or ""
        if not _number_ends(cursor):
            return False
        before_suffix = cursor.at
        cursor.skip_spaces()
        has_am_pm = _TimeCursor(cursor.text, cursor.at).am_pm() is not None
        word = cursor.word().lower()
        hours_suffix = word if word in ("h", "hrs") else None
        if len(digits) in (1, 2) and has_am_pm:
            hour, minute = int(digits), None
        elif len(digits) in (3, 4) and (has_am_pm or hours_suffix is not None):
            hour, minute = int(digits[:-2]), int(digits[-2:])
        else:
            return False
        found.minute = minute
        if hours_suffix is not None and not has_am_pm:
            cursor.at += len(hours_suffix)
            found.hour = hour
        else:
            cursor.at = before_suffix
            _set_hour(cursor, found, hour)
    before_offset = cursor.at
    cursor.eat(" ")
    offset = cursor.offset()
    if offset is not None:
        found.offset = offset
    else:
        cursor.at = before_offset
    for slot in _Parts._TIME_SLOTS + ("offset",):
        setattr(parts, slot, getattr(found, slot))
    return True


def _set_hour(cursor, parts, hour):
    """Sets the hour, reading an AM/PM after it when there is one."""
    before = cursor.at
    cursor.skip_spaces()
    pm = cursor.am_pm()
    if pm is not None:
        parts.hour12, parts.pm = hour, pm
    else:
        cursor.at = before
        parts.hour = hour


# ---- spreadsheet serial days and Unix timestamps (gemfill-dsl time/serial.rs) ---------------

_MILLIS_PER_DAY = 86_400_000
_LAST_SERIAL = 2_958_465
_PHANTOM_LEAP_DAY = 60
_MARCH_1900 = _days_from_civil(1900, 3, 1)


def _read_serial(text):
    """The moment of the spreadsheet serial day number that is the first number in `text`."""
    return _from_serial(_read_number(text))


def _from_serial(serial):
    """A spreadsheet serial day (the 1900 date system, with Lotus's 29 February 1900)."""
    out_of_range = _out_of_range(f"serial day {_dec_text(serial)}")
    if _dec_is_negative(serial) and not _dec_is_zero(serial):
        raise out_of_range
    whole = _dec_trunc(serial)
    fraction = _dec_sub(serial, whole)
    days = _dec_to_i64(whole)
    if days is None or days > _LAST_SERIAL:
        raise out_of_range
    millis = _dec_to_i64(_dec_round_dp(_dec_mul(fraction, _dec_int(_MILLIS_PER_DAY)), 0)) or 0
    if millis >= _MILLIS_PER_DAY:
        millis -= _MILLIS_PER_DAY
        days += 1
    time = millis * 1_000_000
    if days == 0:
        return Moment(time=time)
    if days == _PHANTOM_LEAP_DAY:
        raise LibraryError(f"'serial {_dec_text(serial)} (the spreadsheets' 29 February 1900)' "
                           "names a day that does not exist")
    epoch = _days_from_civil(1899, 12, 31 if days < _PHANTOM_LEAP_DAY else 30)
    date = epoch + days
    if _dec_is_zero(fraction):
        return Moment(date)
    return Moment(date, time)


def _to_serial(moment):
    """The spreadsheet serial day of a moment (days since 1899-12-30, or 1899-12-31 before
    March 1900, plus the time of day as a fraction); a time alone is the fraction."""
    fraction = _DEC_ZERO
    if moment.time is not None:
        fraction = _divide(_dec_from_i128(moment.time, 9), _dec_int(_SECONDS_PER_DAY))
    if moment.date is None:
        return fraction
    epoch = _days_from_civil(1899, 12, 31 if moment.date < _MARCH_1900 else 30)
    days = moment.date - epoch
    if days < 1:
        raise _out_of_range(f"{moment} (spreadsheet serials start in 1900)")
    return _dec_normalize(_add(_dec_int(days), fraction))


def _read_unix_seconds(text):
    """The UTC date-time of the Unix timestamp in seconds that is the first number in `text`."""
    return _from_unix_nanos(_read_number(text), _NANOS_PER_SECOND)


def _read_unix_millis(text):
    """The UTC date-time of the Unix timestamp in milliseconds in `text`."""
    return _from_unix_nanos(_read_number(text), 1_000_000)


def _from_unix_nanos(value, nanos_per_unit):
    out_of_range = _out_of_range(f"Unix time {_dec_text(value)}")
    nanos = _dec_mul(value, _dec_int(nanos_per_unit))
    if nanos is None:
        raise out_of_range
    nanos = _dec_to_i128(_dec_floor(nanos))
    days, rest = divmod(nanos, _NANOS_PER_DAY)
    if not _in_range(days) or abs(nanos // _NANOS_PER_SECOND) > _DEC_I64_MAX:
        raise out_of_range
    return Moment(days, rest, 0)


def _to_unix_nanos(moment):
    """Nanoseconds since 1970-01-01 UTC of a moment with a date; a moment without an offset
    counts as UTC, and a date alone as midnight."""
    nanos = moment.need_date() * _NANOS_PER_DAY + (moment.time or 0)
    return nanos - (moment.offset or 0) * _NANOS_PER_SECOND
