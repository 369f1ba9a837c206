# ---- date and time arithmetic (gemfill-dsl time/arith.rs) ------------------------------------

_UNITS = ("seconds", "minutes", "hours", "days", "weeks", "months", "quarters", "years")
_UNIT_SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": _SECONDS_PER_DAY,
                 "weeks": 7 * _SECONDS_PER_DAY}
_UNIT_MONTHS = {"months": 1, "quarters": 3, "years": 12}
_DAYS_UNIT = _UNITS.index("days")


def _below_days(unit):
    return _UNITS.index(unit) < _DAYS_UNIT


def _shift_out_of_range(moment):
    return _out_of_range(f"the result for {moment}")


def _naive_nanos(moment):
    """The moment's date and time as nanoseconds since 1970-01-01 (a date alone is at
    midnight)."""
    return moment.need_date() * _NANOS_PER_DAY + (moment.time or 0)


def _whole_i64(amount, factor, moment):
    """The integer `amount` times `factor`, or out of range past an i64."""
    value = _dec_to_i64(amount)
    if value is None or abs(value * factor) > _DEC_I64_MAX:
        raise _shift_out_of_range(moment)
    return value * factor


def _shift(moment, amount, unit):
    """`moment` moved by `amount` units (months, quarters and years only whole)."""
    whole = _dec_is_zero(_dec_fract(amount))
    if unit in _UNIT_MONTHS:
        if not whole:
            raise LibraryError(
                f"{unit} can only be added in whole numbers, not {_format_plain(amount)}")
        date = moment.need_date()
        months = _whole_i64(amount, _UNIT_MONTHS[unit], moment)
        moved = _add_months(date, months)
        if moved is None:
            raise _shift_out_of_range(moment)
        return moment.replace(date=moved)
    seconds = _UNIT_SECONDS[unit]
    if not _below_days(unit) and whole:
        date = moment.need_date()
        days = _whole_i64(amount, seconds // _SECONDS_PER_DAY, moment)
        if not _in_range(date + days):
            raise _shift_out_of_range(moment)
        return moment.replace(date=date + days)
    nanos = _dec_mul(amount, _dec_int(seconds))
    nanos = None if nanos is None else _dec_mul(nanos, _dec_int(_NANOS_PER_SECOND))
    nanos = None if nanos is None else _dec_to_i64(_dec_round_dp(nanos, 0))
    if nanos is None:
        raise _shift_out_of_range(moment)
    if moment.date is None and moment.time is not None:
        return moment.replace(time=(moment.time + nanos) % _NANOS_PER_DAY)
    days, time = divmod(_naive_nanos(moment) + nanos, _NANOS_PER_DAY)
    if not _in_range(days):
        raise _shift_out_of_range(moment)
    return Moment(days, time, moment.offset)


def _between(a, b, unit):
    """`b - a` in `unit`: exact from seconds to weeks, whole completed units toward zero for
    months, quarters and years."""
    if unit in _UNIT_MONTHS:
        months = _whole_months(a, b)
        per_unit = _UNIT_MONTHS[unit]
        return _dec_int(abs(months) // per_unit * (1 if months >= 0 else -1))
    seconds = _dec_from_i128(_nanos_between(a, b), 9)
    return _dec_normalize(_divide(seconds, _dec_int(_UNIT_SECONDS[unit])))


def _nanos_between(a, b):
    if a.date is None and b.date is None:
        return b.need_time() - a.need_time()
    later = _naive_nanos(b)
    local = later - _naive_nanos(a)
    if a.offset is not None and b.offset is not None:
        local += (a.offset - b.offset) * _NANOS_PER_SECOND
    return local


def _whole_months(a, b):
    """Whole months completed from `a` to `b`, toward zero."""
    start, end = _naive_nanos(a), _naive_nanos(b)
    start_day, start_time = divmod(start, _NANOS_PER_DAY)
    (start_year, start_month, _), (end_year, end_month, _) = (
        _civil_from_days(start_day), _civil_from_days(end // _NANOS_PER_DAY))
    months = (end_year - start_year) * 12 + end_month - start_month

    def reached(count):
        moved = _shift(Moment(start_day, start_time), _dec_int(count), "months")
        return _naive_nanos(moved)

    if months > 0 and reached(months) > end:
        months -= 1
    elif months < 0 and reached(months) < end:
        months += 1
    return months


def _period_start(date, unit):
    """The first day of the period of `unit` (days and longer) that holds `date`."""
    year, month, _ = _civil_from_days(date)
    if unit == "weeks":
        first = date - _weekday(date)
        return first if _in_range(first) else date
    if unit == "months":
        return _days_from_civil(year, month, 1)
    if unit == "quarters":
        return _days_from_civil(year, (month - 1) // 3 * 3 + 1, 1)
    if unit == "years":
        return _days_from_civil(year, 1, 1)
    return date


def _start_of(moment, unit):
    """The start of the period of `unit` that holds `moment` (weeks start on Monday)."""
    if _below_days(unit):
        if moment.time is None:
            return moment
        since_midnight = moment.time // _NANOS_PER_SECOND
        cut = since_midnight - since_midnight % _UNIT_SECONDS[unit]
        return moment.replace(time=cut * _NANOS_PER_SECOND)
    time = None if moment.time is None else 0
    if moment.date is None and unit == "days":
        return moment.replace(time=time)
    return Moment(_period_start(moment.need_date(), unit), time, moment.offset)


def _end_of(moment, unit):
    """The last day of the period of `unit` that holds `moment`, with a time its last
    nanosecond."""
    def last_nano(seconds):
        return seconds * _NANOS_PER_SECOND + _NANOS_PER_SECOND - 1

    if _below_days(unit):
        if moment.time is None:
            return moment
        since_midnight = moment.time // _NANOS_PER_SECOND
        seconds = _UNIT_SECONDS[unit]
        last = since_midnight - since_midnight % seconds + seconds - 1
        return moment.replace(time=last_nano(last))
    time = None if moment.time is None else last_nano(_SECONDS_PER_DAY - 1)
    if moment.date is None:
        if unit == "days":
            return moment.replace(time=time)
        moment.need_date()
    start = _period_start(moment.date, unit)
    following = _shift(Moment(start), _DEC_ONE, unit).need_date()
    if not _in_range(following - 1):
        raise _shift_out_of_range(moment)
    return Moment(following - 1, time, moment.offset)


def _round_to(moment, step, unit, mode):
    """`moment` rounded to `step` units with the rounding mode `mode`: below a day the time
    to a multiple of the step since midnight; from days up (step 1) the period's start or
    the next."""
    def bad_step(why):
        return LibraryError(f"cannot round to {_format_plain(step)} {unit}: {why}")

    if step <= 0:
        raise bad_step("the step must be greater than zero")
    if _below_days(unit):
        seconds = _dec_from_i128(moment.need_time(), 9)
        step_seconds = _dec_mul(step, _dec_int(_UNIT_SECONDS[unit]))
        if step_seconds is None:
            raise bad_step("the step is too large")
        rounded = _round_to_multiple(seconds, step_seconds, mode)
        return _shift(moment, _subtract(rounded, seconds), "seconds")
    if step != 1:
        raise bad_step("from days up, round to 1 unit (the start of the period or the next)")
    start = _start_of(moment, unit)
    if start == moment:
        return start
    following = _shift(start, _DEC_ONE, unit)
    elapsed = _between(start, moment, "seconds")
    length = _between(start, following, "seconds")
    rounded = _round_to_multiple(_divide(elapsed, length), _DEC_ONE, mode)
    return start if _dec_is_zero(rounded) else following


# ---- time zones (gemfill-dsl time/zone.rs) ---------------------------------------------------
# IANA zones come from the machine's tz database through zoneinfo. chrono-tz, which the Rust
# side uses, holds each zone's transitions up to the end of 2099 and keeps the last offset
# after that; zoneinfo goes on with the daylight-saving rules, so instants from 2100 on take
# the offset in force at the end of 2099 here too. Before year 1 (out of datetime's reach)
# a zone has the offset it has at the start of year 1.
import datetime as _datetime
import zoneinfo as _zoneinfo

_ZONE_FIRST_SECOND = _days_from_civil(1, 1, 2) * _SECONDS_PER_DAY
_ZONE_LAST_SECOND = _days_from_civil(2100, 1, 1) * _SECONDS_PER_DAY - 1
_UTC = _datetime.timezone.utc
_EPOCH = _datetime.datetime(1970, 1, 1, tzinfo=_UTC)
_ZONE_NAMES = []


# tzdb 2024b made these old names links to a city's zone, as chrono-tz has them; some
# systems still ship the former fixed rules under these names.
_ZONE_LINKS = {
    "EST": "America/Panama", "MST": "America/Phoenix", "HST": "Pacific/Honolulu",
    "EST5EDT": "America/New_York", "CST6CDT": "America/Chicago", "MST7MDT": "America/Denver",
    "PST8PDT": "America/Los_Angeles", "CET": "Europe/Brussels", "MET": "Europe/Brussels",
    "EET": "Europe/Athens", "WET": "Europe/Lisbon",
}


def _named_zone(name):
    """The IANA zone called `name` (case-sensitive), or None."""
    if not _ZONE_NAMES:
        _ZONE_NAMES.append(_zoneinfo.available_timezones() - {"Factory", "localtime"})
    if name not in _ZONE_NAMES[0]:
        return None
    return _zoneinfo.ZoneInfo(_ZONE_LINKS.get(name, name))


def _parse_zone(name):
    """(fixed offset in seconds or None, IANA zone or None, its name) of a zone as written."""
    trimmed = _trim(name)
    cursor = _TimeCursor(trimmed)
    offset = cursor.offset()
    if offset is not None and cursor.at_end():
        return offset, None, None
    zone = _named_zone(trimmed)
    if zone is None:
        raise LibraryError(f"'{trimmed}' is not a time zone; use UTC, an offset like +02:00, "
                           "or a name like Europe/Paris")
    return None, zone, trimmed


def _zone_offset_at(zone, utc_seconds):
    """The zone's offset (seconds) at an instant."""
    utc_seconds = min(max(utc_seconds, _ZONE_FIRST_SECOND), _ZONE_LAST_SECOND)
    instant = _EPOCH + _datetime.timedelta(seconds=utc_seconds)
    return int(instant.astimezone(zone).utcoffset().total_seconds())


def _zone_offsets_at_local(zone, local_seconds):
    """The offsets with which a local time happens in the zone: one, two (the clocks
    pass it twice, earlier first) or none (the clocks skip it)."""
    if local_seconds >= _ZONE_LAST_SECOND:
        return [_zone_offset_at(zone, _ZONE_LAST_SECOND)]
    if local_seconds < _ZONE_FIRST_SECOND:
        return [_zone_offset_at(zone, _ZONE_FIRST_SECOND)]
    local = (_EPOCH + _datetime.timedelta(seconds=local_seconds)).replace(tzinfo=None)
    found = []
    for fold in (0, 1):
        offset = int(local.replace(tzinfo=zone, fold=fold).utcoffset().total_seconds())
        if offset not in found and _zone_offset_at(zone, local_seconds - offset) == offset:
            found.append(offset)
    return found


def _local_of(moment):
    """The moment's local date and time in nanoseconds since 1970-01-01."""
    return moment.need_date() * _NANOS_PER_DAY + moment.need_time()


def _to_zone(moment, zone):
    """`moment` (which must have an offset) as the same instant in `zone`, rolling the date
    over midnight; a time alone converts only to a fixed offset."""
    source = moment.need_offset()
    fixed, named, _ = _parse_zone(zone)
    if moment.date is None and fixed is not None:
        time = (moment.need_time() + (fixed - source) * _NANOS_PER_SECOND) % _NANOS_PER_DAY
        return moment.replace(time=time, offset=fixed)
    out_of_range = _out_of_range(f"{moment} in that zone")
    utc = _local_of(moment) - source * _NANOS_PER_SECOND
    if not _in_range(utc // _NANOS_PER_DAY):
        raise out_of_range
    target = fixed if fixed is not None else _zone_offset_at(named, utc // _NANOS_PER_SECOND)
    days, time = divmod(utc + target * _NANOS_PER_SECOND, _NANOS_PER_DAY)
    if not _in_range(days):
        raise out_of_range
    return Moment(days, time, target)


def _in_zone(moment, zone):
    """`moment` (which must have no offset) as a local time in `zone`; an IANA zone needs a
    date and a time that happens exactly once."""
    if moment.offset is not None:
        raise LibraryError(f"{moment} already has a time zone offset; use to_zone to convert it")
    fixed, named, name = _parse_zone(zone)
    if fixed is not None:
        return moment.replace(offset=fixed)
    local = _local_of(moment)
    days, nanos = divmod(local, _NANOS_PER_DAY)
    year, month, day = _civil_from_days(days)
    whole_seconds = nanos - nanos % _NANOS_PER_SECOND
    shown = f"{_year_text(year)}-{month:02}-{day:02} {_time_text(whole_seconds)}"
    offsets = _zone_offsets_at_local(named, local // _NANOS_PER_SECOND)
    if not offsets:
        raise LibraryError(f"{shown} does not exist in {name}: the clocks skip it")
    if len(offsets) > 1:
        first, second = (_offset_text(o, with_seconds=False) for o in offsets)
        raise LibraryError(f"{shown} is ambiguous in {name}: it happens at {first} "
                           f"and again at {second}")
    return moment.replace(offset=offsets[0])
