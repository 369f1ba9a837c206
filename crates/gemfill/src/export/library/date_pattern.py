# ---- date patterns: parsing, writing and reading (gemfill-dsl time/pattern.rs, write.rs,
# read.rs, parts.rs) -----------------------------------------------------------------------------
# A field is a tuple: (kind,) or (kind, argument), e.g. ("literal", " of "), ("year4",),
# ("day_of_year", 3), ("fraction", 3), ("offset_z", colon), ("offset", colon).

def _date_pattern_error(source, problem):
    return LibraryError(f'pattern "{source}": {problem}')


def _split_date_pattern(source):
    """Literal text (quoted with ', or any non-letter) and runs of one ASCII letter:
    ("literal", text) and ("run", letter, count) pieces."""
    pieces, literal, at = [], "", 0
    while at < len(source):
        c = source[at]
        if c == "'":
            if source[at + 1:at + 2] == "'":
                literal += "'"
                at += 2
                continue
            close = source.find("'", at + 1)
            if close < 0:
                raise _PatternProblem("a single quote is not closed (write '' for a quote)")
            literal += source[at + 1:close]
            at = close + 1
            continue
        if not (c.isascii() and c.isalpha()):
            literal += c
            at += 1
            continue
        run = 1
        while at + run < len(source) and source[at + run] == c:
            run += 1
        if literal:
            pieces.append(("literal", literal))
            literal = ""
        pieces.append(("run", c, run))
        at += run
    if literal:
        pieces.append(("literal", literal))
    return pieces


# (letter, run) -> field; letters whose other runs are errors map to the allowed forms.
_DATE_FIELDS = {
    ("y", 1): ("year",), ("y", 2): ("year2",), ("y", 4): ("year4",), ("Y", 4): ("iso_year",),
    ("M", 1): ("month",), ("M", 2): ("month2",), ("M", 3): ("month_short",),
    ("M", 4): ("month_long",), ("M", 5): ("month_letter",),
    ("d", 1): ("day",), ("d", 2): ("day2",),
    ("E", 1): ("weekday_short",), ("E", 2): ("weekday_short",), ("E", 3): ("weekday_short",),
    ("E", 4): ("weekday_long",), ("e", 1): ("iso_weekday",),
    ("D", 1): ("day_of_year", 1), ("D", 2): ("day_of_year", 2), ("D", 3): ("day_of_year", 3),
    ("Q", 1): ("quarter",), ("w", 1): ("iso_week",), ("w", 2): ("iso_week2",),
    ("W", 1): ("week_of_month",),
    ("H", 1): ("hour",), ("H", 2): ("hour2",), ("h", 1): ("hour12",), ("h", 2): ("hour12_2",),
    ("m", 1): ("minute",), ("m", 2): ("minute2",), ("s", 1): ("second",), ("s", 2): ("second2",),
    ("a", 1): ("am_pm",), ("a", 2): ("am_pm",), ("a", 3): ("am_pm_lower",),
    ("X", 1): ("offset_z", True), ("X", 2): ("offset_z", False), ("X", 3): ("offset_z", True),
    ("x", 2): ("offset", False), ("x", 3): ("offset", True),
    ("Z", 1): ("offset", False), ("Z", 2): ("offset", False), ("Z", 3): ("offset", False),
}
_DATE_FIELD_LENGTHS = {
    "y": "y, yy or yyyy", "Y": "YYYY (ISO week year) or yyyy (calendar year)",
    "M": "M, MM, MMM, MMMM or MMMMM", "d": "d, dd or do (4th); EEE for a weekday",
    "E": "EEE or EEEE", "e": "e", "D": "D, DD or DDD", "Q": "Q ('Q'Q for Q3)",
    "w": "w or ww", "W": "W", "H": "H, HH, h or hh", "h": "H, HH, h or hh",
    "m": "m or mm (MMM for a month name)", "s": "s or ss", "S": "S to SSSSSSSSS",
    "a": "a (AM) or aaa (am)", "X": "X, XX or XXX", "x": "xx or xxx", "Z": "Z",
}


def _date_field(letter, run):
    if letter == "S" and 1 <= run <= 9:
        return ("fraction", run)
    field = _DATE_FIELDS.get((letter, run))
    if field is not None:
        return field
    if letter in _DATE_FIELD_LENGTHS:
        raise _PatternProblem(f"'{letter * run}' is not a field; use {_DATE_FIELD_LENGTHS[letter]}")
    raise _PatternProblem(f"'{letter}' is not a date field; put literal text in single quotes")


_FIELD_DESCRIPTIONS = {
    "year": "a year", "year2": "a year", "year4": "a year", "iso_year": "a year",
    "month": "a month number", "month2": "a month number", "month_short": "a month name",
    "month_long": "a month name", "month_letter": "a month name", "day": "a day of the month",
    "day2": "a day of the month", "day_ordinal": "a day of the month",
    "weekday_short": "a weekday name", "weekday_long": "a weekday name",
    "iso_weekday": "a weekday number", "day_of_year": "a day of the year",
    "quarter": "a quarter", "iso_week": "a week number", "iso_week2": "a week number",
    "week_of_month": "a week of the month", "hour": "an hour", "hour2": "an hour",
    "hour12": "an hour", "hour12_2": "an hour", "minute": "minutes", "minute2": "minutes",
    "second": "seconds", "second2": "seconds", "fraction": "a fraction of a second",
    "am_pm": "AM or PM", "am_pm_lower": "AM or PM", "offset_z": "a time zone offset",
    "offset": "a time zone offset",
}


class DatePattern:
    """A parsed date pattern (`yyyy-MM-dd`, `EEE d MMM, h:mm a`), for writing and reading."""

    def __init__(self, source):
        self.source = source
        try:
            pieces = _split_date_pattern(source)
            fields, at = [], 0
            while at < len(pieces):
                piece = pieces[at]
                at += 1
                if piece[0] == "literal":
                    fields.append(piece)
                elif piece[1:] == ("d", 1) and at < len(pieces) and pieces[at] == ("run", "o", 1):
                    at += 1
                    fields.append(("day_ordinal",))
                else:
                    fields.append(_date_field(piece[1], piece[2]))
            if not fields:
                raise _PatternProblem("the pattern is empty")
        except _PatternProblem as problem:
            raise _date_pattern_error(source, problem) from None
        self.fields = fields

    def __str__(self):
        return self.source

    def format(self, moment):
        """`moment` written with this pattern; an error when a field needs a part the
        moment lacks."""
        return "".join(_write_date_field(field, moment) for field in self.fields)

    def read(self, text):
        """`text` (white space around it ignored) read with this pattern; the whole text
        must fit."""
        trimmed = _trim(text)
        cursor = _TimeCursor(trimmed)
        parts = _Parts()
        for index, field in enumerate(self.fields):
            following = self.fields[index + 1] if index + 1 < len(self.fields) else None
            next_is_dot = following is not None and following[0] == "literal" and \
                following[1].startswith(".")
            if not _read_date_field(cursor, field, next_is_dot, parts):
                raise self._mismatch(trimmed, cursor, field)
        if not cursor.at_end():
            raise self._mismatch(trimmed, cursor, ("literal", ""))
        return parts.into_moment(trimmed)

    def _mismatch(self, text, cursor, field):
        if field == ("literal", ""):
            expected = "the end"
        elif field[0] == "literal":
            expected = f"'{field[1]}'"
        else:
            expected = _FIELD_DESCRIPTIONS[field[0]]
        at = "the end" if cursor.at_end() else f"'{cursor.rest()}'"
        return LibraryError(
            f"'{text}' does not fit the pattern \"{self.source}\": expected {expected} at {at}")


# -- writing (time/write.rs) --

def _week_of_month(days):
    """Week 1 holds the 1st, and each Monday starts a new week."""
    year, month, day = _civil_from_days(days)
    return (day - 1 + _weekday(_days_from_civil(year, month, 1))) // 7 + 1


def _hour12(nanos):
    """(is PM, hour 1-12) of a time."""
    hour = nanos // (3600 * _NANOS_PER_SECOND)
    return hour >= 12, (hour + 11) % 12 + 1


def _write_date_field(field, moment):
    kind = field[0]
    if kind == "literal":
        return field[1]
    if kind in ("offset_z", "offset"):
        offset = moment.need_offset()
        if kind == "offset_z" and offset == 0:
            return "Z"
        return _offset_text(offset, colon=field[1], with_seconds=False)
    if kind in ("hour", "hour2", "hour12", "hour12_2", "minute", "minute2", "second", "second2",
                "fraction", "am_pm", "am_pm_lower"):
        return _write_time_field(field, moment.need_time())
    days = moment.need_date()
    year, month, day = _civil_from_days(days)
    if kind == "year4":
        return f"{year:04}"
    if kind == "year2":
        return f"{year % 100:02}"
    if kind == "year":
        return str(year)
    if kind == "iso_year":
        return f"{_iso_week(days)[0]:04}"
    if kind == "month":
        return str(month)
    if kind == "month2":
        return f"{month:02}"
    if kind == "month_short":
        return _CALENDAR_MONTHS[month - 1][:3]
    if kind == "month_long":
        return _CALENDAR_MONTHS[month - 1]
    if kind == "month_letter":
        return _CALENDAR_MONTHS[month - 1][0]
    if kind == "day":
        return str(day)
    if kind == "day2":
        return f"{day:02}"
    if kind == "day_ordinal":
        return f"{day}{_ordinal_suffix(day)}"
    if kind == "weekday_short":
        return _CALENDAR_WEEKDAYS[_weekday(days)][:3]
    if kind == "weekday_long":
        return _CALENDAR_WEEKDAYS[_weekday(days)]
    if kind == "iso_weekday":
        return str(_weekday(days) + 1)
    if kind == "day_of_year":
        return str(_ordinal(days)).rjust(field[1], "0")
    if kind == "quarter":
        return str((month - 1) // 3 + 1)
    if kind == "iso_week":
        return str(_iso_week(days)[1])
    if kind == "iso_week2":
        return f"{_iso_week(days)[1]:02}"
    return str(_week_of_month(days))


def _write_time_field(field, nanos):
    kind = field[0]
    seconds = nanos // _NANOS_PER_SECOND
    if kind in ("hour", "hour2"):
        value, width = seconds // 3600, 1 + (kind == "hour2")
    elif kind in ("hour12", "hour12_2"):
        value, width = _hour12(nanos)[1], 1 + (kind == "hour12_2")
    elif kind in ("minute", "minute2"):
        value, width = seconds // 60 % 60, 1 + (kind == "minute2")
    elif kind in ("second", "second2"):
        value, width = seconds % 60, 1 + (kind == "second2")
    elif kind == "fraction":
        value, width = nanos % _NANOS_PER_SECOND // 10 ** (9 - field[1]), field[1]
    else:
        pm = _hour12(nanos)[0]
        text = "PM" if pm else "AM"
        return text if kind == "am_pm" else text.lower()
    return str(value).rjust(width, "0")


# -- reading (time/read.rs) --

def _read_date_field(cursor, field, next_is_dot, parts):
    """Reads one field into `parts`; False when the text does not fit."""
    kind = field[0]
    if kind == "literal":
        return _read_literal(cursor, field[1])
    if kind in ("year4", "iso_year"):
        value = cursor.digits(4, 4)
        if value is not None:
            setattr(parts, "year" if kind == "year4" else "iso_year", value)
    elif kind == "year2":
        value = cursor.digits(2, 2)
        if value is not None:
            parts.year = _expand_two_digit_year(value)
    elif kind == "month_letter":
        raise LibraryError("a month's first letter (MMMMM) cannot be read back: "
                           "it does not say which value it is")
    elif kind == "day_ordinal":
        value = cursor.digits(1, 2)
        if value is not None:
            suffix = cursor.word()
            if suffix.lower() in ("st", "nd", "rd", "th"):
                cursor.at += len(suffix)
            parts.day = value
    elif kind == "fraction":
        digits = cursor.digit_text(1, 9)
        value = None if digits is None else int(digits.ljust(9, "0"))
        if value is not None:
            parts.nanos = value
    elif kind == "am_pm" or kind == "am_pm_lower":
        value = cursor.am_pm()
        if value is not None:
            parts.pm = value
    elif kind in ("offset_z", "offset"):
        value = cursor.offset()
        if value is not None:
            parts.offset = value
    else:
        slot, value = _read_number_field(cursor, kind, next_is_dot)
        if value is not None:
            setattr(parts, slot, value)
    return value is not None


def _read_number_field(cursor, kind, next_is_dot):
    """(the Parts slot, the value read or None) of a field that reads one number or name."""
    if kind == "year":
        return "year", cursor.digits(1, 4)
    if kind in ("month", "month2"):
        return "month", cursor.digits(1, 2)
    if kind in ("month_short", "month_long"):
        return "month", cursor.month_name(next_is_dot)
    if kind in ("day", "day2"):
        return "day", cursor.digits(1, 2)
    if kind in ("weekday_short", "weekday_long"):
        return "weekday", cursor.weekday_name(next_is_dot)
    if kind == "iso_weekday":
        day = cursor.digits(1, 1)
        return "weekday", day - 1 if day is not None and 1 <= day <= 7 else None
    if kind == "day_of_year":
        return "day_of_year", cursor.digits(1, 3)
    if kind == "quarter":
        quarter = cursor.digits(1, 1)
        return "quarter", quarter if quarter is not None and 1 <= quarter <= 4 else None
    if kind in ("iso_week", "iso_week2"):
        return "iso_week", cursor.digits(1, 2)
    if kind == "week_of_month":
        return "week_of_month", cursor.digits(1, 1)
    if kind in ("hour", "hour2"):
        return "hour", cursor.digits(1, 2)
    if kind in ("hour12", "hour12_2"):
        return "hour12", cursor.digits(1, 2)
    if kind in ("minute", "minute2"):
        return "minute", cursor.digits(1, 2)
    return "second", cursor.digits(1, 2)


def _read_literal(cursor, literal):
    """Literal text: ASCII letters in any case, a space against any run of white space."""
    for c in literal:
        if c in _UNICODE_WHITE_SPACE:
            if cursor.skip_spaces() == 0:
                return False
            continue
        following = cursor.peek()
        if following is None:
            return False
        if following != c and not (following.isascii() and following.isalpha()
                                   and following.lower() == c.lower() and c.isascii()):
            return False
        cursor.at += 1
    return True


# -- the fields read, and the moment they make (time/parts.rs) --

class _Parts:
    """Everything a reader found; each part is checked against the others when the moment
    is made. Weekdays count from 0 (Monday), hours from 0 (hour12 with pm for 1-12)."""

    _DATE_SLOTS = ("year", "iso_year", "month", "day", "day_of_year", "weekday", "iso_week",
                   "quarter", "week_of_month")
    _TIME_SLOTS = ("hour", "hour12", "pm", "minute", "second", "nanos")

    def __init__(self):
        for slot in self._DATE_SLOTS + self._TIME_SLOTS + ("offset",):
            setattr(self, slot, None)

    def into_moment(self, text):
        has_date = any(getattr(self, slot) is not None for slot in self._DATE_SLOTS)
        has_time = any(getattr(self, slot) is not None for slot in self._TIME_SLOTS)
        date = self._date(text) if has_date else None
        time = self._time(text) if has_time else None
        if date is None and time is None:
            raise LibraryError(f"'{text}' has no date or time in it")
        return Moment(date, time, self.offset)

    def _date(self, text):
        def incomplete(missing):
            return LibraryError(f"'{text}' has no {missing}, so it does not make a date")

        no_such_day = LibraryError(f"'{text}' names a day that does not exist")
        week_date = self.iso_week is not None and self.month is None and self.day is None \
            and self.day_of_year is None
        if week_date:
            # yyyy-'W'ww counts the week among the calendar year's ISO weeks.
            year = self.iso_year if self.iso_year is not None else self.year
            if year is None:
                raise incomplete("year")
            weekday = 0 if self.weekday is None else self.weekday
            date = _date_of_iso_week(year, self.iso_week, weekday)
        elif self.year is None:
            raise incomplete("year")
        elif self.day_of_year is None and (self.month is not None or self.day is None):
            month = self.month
            if month is None and self.quarter is not None:
                month = max(self.quarter - 1, 0) * 3 + 1
            if self.day is not None and month is None:
                raise incomplete("month")
            date = _date_of(self.year, 1 if month is None else month,
                            1 if self.day is None else self.day)
        elif self.month is None and self.day is None:
            date = _date_of_ordinal(self.year, self.day_of_year)
        else:
            raise incomplete("month")
        if date is None:
            raise no_such_day
        self._check_date(date, text)
        return date

    def _check_date(self, date, text):
        """The weekday, quarter and weeks read must agree with the date."""
        year, month, day = _civil_from_days(date)
        shown = f"{day} {_CALENDAR_MONTHS[month - 1]} {year}"

        def contradiction(claimed, actual):
            return LibraryError(f"'{text}': {shown} is {actual}, not {claimed}")

        weekday = _weekday(date)
        if self.weekday is not None and self.weekday != weekday:
            raise contradiction(f"a {_CALENDAR_WEEKDAYS[self.weekday]}",
                                f"a {_CALENDAR_WEEKDAYS[weekday]}")
        iso_year, iso_week = _iso_week(date)
        checks = ((self.quarter, (month - 1) // 3 + 1, "quarter"),
                  (self.iso_week, iso_week, "week"),
                  (self.week_of_month, _week_of_month(date), "week of the month"),
                  (self.iso_year, iso_year % (1 << 32), "week-numbering year"))
        for claimed, actual, what in checks:
            if claimed is not None and claimed != actual:
                raise contradiction(f"in {what} {claimed}", f"in {what} {actual}")
        if self.year is not None and self.day_of_year is not None and \
                self.day_of_year != _ordinal(date):
            raise LibraryError(f"'{text}' names a day that does not exist")

    def _time(self, text):
        no_such_time = LibraryError(f"'{text}' names a time of day that does not exist")
        if self.hour is not None:
            hour = self.hour
        elif self.hour12 is not None and self.pm is not None:
            if not 1 <= self.hour12 <= 12:
                raise no_such_time
            hour = self.hour12 % 12 + (12 if self.pm else 0)
        elif self.hour12 is not None:
            hour = self.hour12
        else:
            hour = 0
        minute, second = self.minute or 0, self.second or 0
        if hour >= 24 or minute >= 60 or second >= 60:
            raise no_such_time
        return ((hour * 60 + minute) * 60 + second) * _NANOS_PER_SECOND + (self.nanos or 0)
