# The gemfill language's library functions (numbers, dates, durations) in Python 3, standard
# library only. An export joins runtime.py, then the parts in library/ in this order:
#
#   decimal.py       rust_decimal's arithmetic on exact decimals (what a Num is)
#   unicode.py       Rust's char::is_alphabetic and is_numeric (generated)
#   num.py           num/read.rs, digits.rs, round.rs, arith.rs: reading, rounding, arithmetic
#   num_pattern.py   num/pattern.rs: number patterns
#   calendar.py      chrono's calendar; time/moment.rs, names.rs, scan.rs
#   date_pattern.py  time/pattern.rs, write.rs, read.rs, parts.rs: date patterns
#   date_any.py      time/any.rs, serial.rs: any common format, serial days, Unix time
#   date_arith.py    time/arith.rs, zone.rs: shifting, measuring, rounding, time zones
#   duration.py      time/duration.rs: durations
#
# and then this file, whose functions are the language's (prefixed lib_ so that none hides a
# Python builtin). They compute what the Rust interpreter computes; where it fails on a row
# they raise GemfillError(function name, the engine's message). Arguments that are names in
# the language (a rounding mode, a unit, a named format) come as their names; patterns come
# compiled (NumberPattern, DatePattern, DurationPattern), so a program compiles each once.
# A Num is a decimal.Decimal, a Date a Moment. The tests in crates/gemfill-dsl/tests/
# python_parity.rs hold these parts to the Rust engines, case by case.
#
# The parts need nothing from runtime.py but GemfillError (decimal.py defines one when the
# runtime is absent); the named formats of date() and number(), and lib_show for the
# runtime's values, use the runtime's functions.

def _lib(op, compute, *args):
    try:
        return compute(*args)
    except LibraryError as error:
        raise GemfillError(op, str(error)) from None


# -- numbers --

def lib_num(text):
    """num(text): the first number in the text."""
    return _lib("num", _read_number, text)


def lib_round(n, step, mode):
    """round(n, step, mode): n rounded to a multiple of step."""
    return _lib("round", _round_to_multiple, n, step, mode)


def lib_round_sig(n, digits, mode):
    """round_sig(n, digits, mode): n rounded to `digits` significant digits."""
    return _lib("round_sig", _round_significant, n, digits, mode)


def lib_add(a, b):
    return _lib("add", _add, a, b)


def lib_subtract(a, b):
    return _lib("subtract", _subtract, a, b)


def lib_multiply(a, b):
    return _lib("multiply", _multiply, a, b)


def lib_divide(a, b):
    return _lib("divide", _divide, a, b)


def lib_format_num(n, number_format):
    """format_num(n, format): a NumberPattern, `plain`, or a named format of number()."""
    if isinstance(number_format, NumberPattern):
        return number_format.format(n)
    if number_format == "plain":
        return _format_plain(n)
    # The named formats of number(s, out) (runtime.py) write the decimal's own digits.
    return number(_dec_text(n), number_format)


# -- dates --

_READ_ONLY_FORMATS = _ORDERS
_DATE_READERS = {"serial": _read_serial, "unix": _read_unix_seconds, "unix_ms": _read_unix_millis}


class _CalendarDay:
    """A day as runtime.py's date formats take it (year, month, day, weekday()), for any
    year, 0 included."""

    def __init__(self, days):
        self.year, self.month, self.day = _civil_from_days(days)
        self._weekday = _weekday(days)

    def weekday(self):
        return self._weekday


def _read_named_date(text, name):
    """A date in one of the named formats of date(s, in, out) (read as the formats module
    reads them; the text must be the whole date)."""
    try:
        parsed = _parse_date(text, name)
    except _NotADate:
        raise LibraryError(f"'{text}' is not a date in the format {name}") from None
    return Moment(_days_from_civil(parsed.year, parsed.month, parsed.day))


def _read_date_as(text, date_format):
    if isinstance(date_format, DatePattern):
        return date_format.read(text)
    if date_format in _ORDERS:
        return _read_any(text, date_format)
    if date_format in _DATE_READERS:
        return _DATE_READERS[date_format](text)
    return _read_named_date(text, date_format)


def lib_read_date(text, date_format):
    """read_date(text, format): a DatePattern, month_first/day_first/year_first, serial,
    unix, unix_ms, or a named format of date()."""
    return _lib("read_date", _read_date_as, text, date_format)


def _write_date_as(moment, date_format):
    """A moment written with a pattern or a named format. unix and unix_ms write the
    seconds (milliseconds) since 1970-01-01 UTC exactly: a date alone counts as midnight,
    a moment without an offset as UTC, a moment without a date has no Unix time."""
    if isinstance(date_format, DatePattern):
        return date_format.format(moment)
    if date_format == "serial":
        return _format_plain(_to_serial(moment))
    if date_format in ("unix", "unix_ms"):
        scale = 9 if date_format == "unix" else 6
        return _format_plain(_dec_from_i128(_to_unix_nanos(moment), scale))
    if date_format in _READ_ONLY_FORMATS:
        raise LibraryError(f"{date_format} reads dates in any format; to write one, give a "
                           "pattern such as \"MM/dd/yyyy\"")
    day = _CalendarDay(moment.need_date())
    if not 0 <= day.year <= 9999:
        raise LibraryError(f"{moment} cannot be written in the format {date_format}: "
                           "its year does not have four digits")
    return _format_date(day, date_format)


def lib_format_date(moment, date_format):
    """format_date(d, format): a DatePattern, serial, unix, unix_ms, or a named format of
    date()."""
    return _lib("format_date", _write_date_as, moment, date_format)


def lib_shift(moment, amount, unit):
    """shift(d, amount, unit): d moved by `amount` units."""
    return _lib("shift", _shift, moment, amount, unit)


def lib_between(a, b, unit):
    """between(a, b, unit): b - a in units."""
    return _lib("between", _between, a, b, unit)


def lib_start_of(moment, unit):
    return _lib("start_of", _start_of, moment, unit)


def lib_end_of(moment, unit):
    return _lib("end_of", _end_of, moment, unit)


def lib_round_date(moment, step, unit, mode):
    """round_date(d, step, unit, mode)."""
    return _lib("round_date", _round_to, moment, step, unit, mode)


def lib_to_zone(moment, zone):
    return _lib("to_zone", _to_zone, moment, zone)


def lib_in_zone(moment, zone):
    return _lib("in_zone", _in_zone, moment, zone)


# -- durations --

def _unit_length(unit):
    if unit not in _UNIT_SECONDS:
        raise LibraryError(f"{unit} have no fixed length, so they cannot measure a duration")
    return _dec_int(_UNIT_SECONDS[unit])


def _read_duration_in(text, unit):
    seconds = _read_duration(text)
    return _divide(seconds, _unit_length(unit))


def lib_read_duration(text, unit):
    """read_duration(text, unit): the duration in the text as a number of units."""
    return _lib("read_duration", _read_duration_in, text, unit)


def _format_duration_in(n, unit, pattern):
    return pattern.format(_multiply(n, _unit_length(unit)))


def lib_format_duration(n, unit, pattern):
    """format_duration(n, unit, pattern): n units written with a DurationPattern."""
    return _lib("format_duration", _format_duration_in, n, unit, pattern)


# -- values as a program's output --

def show_num(value):
    """A Num as output: the shortest exact decimal."""
    return _format_plain(value)


def show_date(moment):
    """A Date as output: ISO 8601, with Z for a zero offset."""
    text = str(moment)
    return text[:-6] + "Z" if moment.offset == 0 else text


def lib_show(value):
    """Any value as gemfill prints it."""
    if isinstance(value, Moment):
        return show_date(value)
    if isinstance(value, _decimal.Decimal):
        return show_num(value)
    return show(value)
