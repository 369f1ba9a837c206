# ---- the calendar, moments, names and the text cursor (gemfill-dsl time/moment.rs,
# names.rs, scan.rs, error.rs, and the parts of chrono they use) ------------------------------
# Dates are counted in days since 1970-01-01 on the proleptic Gregorian calendar, over
# chrono's range (years -262143 to 262142), rather than with datetime.date, which stops at
# year 9999: a shift of ten thousand years has a value in Rust, and so it has one here.

def _days_from_civil(year, month, day):
    year -= month <= 2
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


def _civil_from_days(days):
    """(year, month, day) of a day count."""
    days += 719468
    era = days // 146097
    day_of_era = days - era * 146097
    year_of_era = (day_of_era - day_of_era // 1460 + day_of_era // 36524
                   - day_of_era // 146096) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    shifted_month = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * shifted_month + 2) // 5 + 1
    month = shifted_month + (3 if shifted_month < 10 else -9)
    return year_of_era + era * 400 + (month <= 2), month, day


_FIRST_DAY = _days_from_civil(-262143, 1, 1)
_LAST_DAY = _days_from_civil(262142, 12, 31)
_SECONDS_PER_DAY = 86400
_NANOS_PER_SECOND = 10 ** 9
_NANOS_PER_DAY = _SECONDS_PER_DAY * _NANOS_PER_SECOND


def _in_range(days):
    return days is not None and _FIRST_DAY <= days <= _LAST_DAY


def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year, month):
    if month == 2:
        return 29 if _is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _date_of(year, month, day):
    """NaiveDate::from_ymd_opt: the day count, or None when there is no such day."""
    if not (1 <= month <= 12 and 1 <= day <= _days_in_month(year, month)):
        return None
    days = _days_from_civil(year, month, day)
    return days if _in_range(days) else None


def _date_of_ordinal(year, ordinal):
    """NaiveDate::from_yo_opt."""
    if not 1 <= ordinal <= (366 if _is_leap(year) else 365):
        return None
    days = _days_from_civil(year, 1, 1) + ordinal - 1
    return days if _in_range(days) else None


def _weekday(days):
    """0 is Monday (1970-01-01 was a Thursday)."""
    return (days + 3) % 7


def _ordinal(days):
    return days - _days_from_civil(_civil_from_days(days)[0], 1, 1) + 1


def _iso_week(days):
    """(ISO week-numbering year, ISO week) of a day."""
    thursday = days - _weekday(days) + 3
    year = _civil_from_days(thursday)[0]
    return year, (_ordinal(thursday) - 1) // 7 + 1


def _date_of_iso_week(year, week, weekday):
    """NaiveDate::from_isoywd_opt (weekday 0 is Monday)."""
    weeks = _iso_week(_days_from_civil(year, 12, 28))[1]
    if not 1 <= week <= weeks:
        return None
    january_4 = _days_from_civil(year, 1, 4)
    days = january_4 - _weekday(january_4) + (week - 1) * 7 + weekday
    return days if _in_range(days) else None


def _add_months(days, months):
    """NaiveDate::checked_add_months / checked_sub_months: the day clamped to the new
    month's end; None out of range."""
    year, month, day = _civil_from_days(days)
    if abs(months) > (1 << 31) - 1:
        return None
    total = year * 12 + month - 1 + months
    year, month = total // 12, total % 12 + 1
    return _date_of(year, month, min(day, _days_in_month(year, month)))


# -- month and weekday names (time/names.rs) --

_CALENDAR_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_CALENDAR_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_ALIASES = (("sept", 8),)
_WEEKDAY_ALIASES = (("tues", 1), ("weds", 2), ("thur", 3), ("thurs", 3))


def _name_lookup(word, names, aliases):
    """(0-based index, abbreviated) of the name a word is, in any (ASCII) case."""
    lowered = word.lower() if word.isascii() else None
    if lowered is None:
        return None
    for index, name in enumerate(names):
        if name.lower() == lowered:
            return index, False
    for index, name in enumerate(names):
        if name[:3].lower() == lowered:
            return index, True
    for alias, index in aliases:
        if alias == lowered:
            return index, True
    return None


def _ordinal_suffix(n):
    if 11 <= n % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _expand_two_digit_year(year):
    """00-29 are 2000-2029 and 30-99 are 1930-1999, as spreadsheets read them."""
    return 2000 + year if year < 30 else 1900 + year


# -- moments (time/moment.rs) --

def _offset_text(seconds, colon=True, with_seconds=True):
    """+02:00 (or +0200); chrono's Display adds :SS when the offset has seconds."""
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    hours, minutes, rest = seconds // 3600, seconds // 60 % 60, seconds % 60
    text = f"{sign}{hours:02}{':' if colon else ''}{minutes:02}"
    return text + f":{rest:02}" if with_seconds and rest else text


def _year_text(year):
    """chrono's %Y: four digits from 0 to 9999, otherwise signed."""
    return f"{year:04}" if 0 <= year <= 9999 else f"{year:+05}"


def _time_text(nanos):
    seconds, fraction = divmod(nanos, _NANOS_PER_SECOND)
    text = f"{seconds // 3600:02}:{seconds // 60 % 60:02}:{seconds % 60:02}"
    return text + "." + f"{fraction:09}".rstrip("0") if fraction else text


class Moment:
    """A calendar date, a time of day, or both, with an optional UTC offset: `date` counts
    days since 1970-01-01, `time` nanoseconds since midnight, `offset` seconds east of UTC
    (each None when absent)."""

    __slots__ = ("date", "time", "offset")

    def __init__(self, date=None, time=None, offset=None):
        self.date, self.time, self.offset = date, time, offset

    def _key(self):
        return self.date, self.time, self.offset

    def __eq__(self, other):
        return isinstance(other, Moment) and self._key() == other._key()

    def __hash__(self):
        return hash(self._key())

    def __repr__(self):
        return f"Moment({self})"

    def __str__(self):
        """ISO 8601, as Moment's Display: 2023-07-04T15:05:00.25+02:00."""
        out = ""
        if self.date is not None:
            year, month, day = _civil_from_days(self.date)
            out = f"{_year_text(year)}-{month:02}-{day:02}"
            if self.time is not None:
                out += "T"
        if self.time is not None:
            out += _time_text(self.time)
        if self.offset is not None:
            out += _offset_text(self.offset)
        return out

    def replace(self, **parts):
        fields = {"date": self.date, "time": self.time, "offset": self.offset}
        fields.update(parts)
        return Moment(**fields)

    def need_date(self):
        if self.date is None:
            raise LibraryError(f"{self} has no date")
        return self.date

    def need_time(self):
        if self.time is None:
            raise LibraryError(f"{self} has no time of day")
        return self.time

    def need_offset(self):
        if self.offset is None:
            raise LibraryError(f"{self} has no time zone offset")
        return self.offset


def _out_of_range(what):
    return LibraryError(f"{what} is outside the range of dates")


# -- the cursor that the readers share (time/scan.rs) --

_UNICODE_WHITE_SPACE = frozenset(
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _trim(text):
    """Rust's str::trim: White_Space off both ends."""
    start, end = 0, len(text)
    while start < end and text[start] in _UNICODE_WHITE_SPACE:
        start += 1
    while end > start and text[end - 1] in _UNICODE_WHITE_SPACE:
        end -= 1
    return text[start:end]


class _TimeCursor:
    """A position in a text, moving forward as parts are read; every method leaves the
    position unchanged when it reads nothing."""

    def __init__(self, text, at=0):
        self.text, self.at = text, at

    def rest(self):
        return self.text[self.at:]

    def at_end(self):
        return self.at >= len(self.text)

    def peek(self):
        return self.text[self.at] if self.at < len(self.text) else None

    def peek_alphabetic(self):
        c = self.peek()
        return c is not None and _is_alphabetic(c)

    def peek_digit(self):
        c = self.peek()
        return c is not None and _is_ascii_digit(c)

    def eat(self, c):
        if self.peek() == c:
            self.at += 1
            return True
        return False

    def eat_ignore_case(self, word):
        if self.text[self.at:self.at + len(word)].lower() == word and \
                self.text[self.at:self.at + len(word)].isascii():
            self.at += len(word)
            return True
        return False

    def skip_spaces(self):
        start = self.at
        while self.at < len(self.text) and self.text[self.at] in _UNICODE_WHITE_SPACE:
            self.at += 1
        return self.at - start

    def digit_text(self, least, most):
        """`least` to `most` ASCII digits (as many as there are, up to `most`), or None."""
        count = 0
        while count < most and self.at + count < len(self.text) and \
                _is_ascii_digit(self.text[self.at + count]):
            count += 1
        if count < least:
            return None
        self.at += count
        return self.text[self.at - count:self.at]

    def digits(self, least, most):
        text = self.digit_text(least, min(most, 9))
        return None if text is None else int(text)

    def word(self):
        """The ASCII letters at the position, without moving."""
        end = self.at
        while end < len(self.text) and self.text[end].isascii() and self.text[end].isalpha():
            end += 1
        return self.text[self.at:end]

    def _name(self, names, aliases, keep_dot):
        word = self.word()
        found = _name_lookup(word, names, aliases)
        if found is None:
            return None
        self.at += len(word)
        if found[1] and not keep_dot:
            self.eat(".")
        return found[0]

    def month_name(self, keep_dot):
        """A month name, full or abbreviated (a dot after an abbreviation read unless
        `keep_dot`): the month, 1-12."""
        month = self._name(_CALENDAR_MONTHS, _MONTH_ALIASES, keep_dot)
        return None if month is None else month + 1

    def weekday_name(self, keep_dot):
        """A weekday name, full or abbreviated: 0 is Monday."""
        return self._name(_CALENDAR_WEEKDAYS, _WEEKDAY_ALIASES, keep_dot)

    def am_pm(self):
        """AM, PM, a.m. or p.m. in any case, not followed by a letter: whether it is PM."""
        start = self.at
        for text, pm in (("a.m.", False), ("p.m.", True), ("am", False), ("pm", True)):
            if self.eat_ignore_case(text):
                if self.peek_alphabetic():
                    self.at = start
                    return None
                return pm
        return None

    def offset(self):
        """A UTC offset in seconds: Z, UTC, GMT (optionally followed by an offset), +02,
        +0200, +02:00, -5."""
        start = self.at
        named = self.eat_ignore_case("utc") or self.eat_ignore_case("gmt")
        if not named and (self.eat("Z") or self.eat("z")):
            if self.peek_alphabetic():
                self.at = start
                return None
            return 0
        signed = self._signed_offset()
        if signed is not None:
            return signed
        if named and not self.peek_alphabetic():
            return 0
        self.at = start
        return None

    def _signed_offset(self):
        start = self.at
        sign = self.peek()
        if sign not in ("+", "-", "−"):
            return None
        self.at += 1
        hours_text = self.digit_text(1, 2)
        if hours_text is None:
            self.at = start
            return None
        hours = int(hours_text)
        # Minutes follow two-digit hours, with or without a colon, or one digit after a colon.
        before_minutes = self.at
        colon = self.eat(":")
        minutes = self.digits(2, 2)
        if minutes is None or not (colon or len(hours_text) == 2):
            self.at, minutes = before_minutes, 0
        seconds = (hours * 60 + minutes) * 60
        if abs(seconds) < _SECONDS_PER_DAY and hours <= 14 and minutes < 60:
            return -seconds if sign != "+" else seconds
        self.at = start
        return None
