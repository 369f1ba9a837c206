# The Python side of tests/python_parity.rs. Joins the files named on the command line (the
# runtime and the constants an export puts after it, then the library's parts, as an export
# does) into one namespace, checks that the library rebinds none of the names before it, then
# runs the cases ([op, arg, ...] each, every argument a text; stdin is JSON with "constants"
# and "cases") and writes one [ok, text] per case: the value as Rust displays it, or the
# error message.
import decimal
import json
import re
import sys
import traceback

request = json.load(sys.stdin)
namespace = {"__name__": "gemfill_export"}
files = sys.argv[1:]
for index, path in enumerate(files):
    with open(path, encoding="utf-8") as source:
        exec(compile(source.read(), path, "exec"), namespace)
    if index == 0:
        exec(request["constants"], namespace)
        export_names = dict(namespace)
rebound = sorted(name for name, value in export_names.items()
                 if not name.startswith("__") and namespace.get(name) is not value)
if rebound:
    sys.exit(f"the library rebinds names of the runtime or the export: {', '.join(rebound)}")
ns = namespace
Decimal = decimal.Decimal

_MOMENT = re.compile(
    r"(?:(?P<year>[+-]?\d{4,})-(?P<month>\d\d)-(?P<day>\d\d))?T?"
    r"(?:(?P<hour>\d\d):(?P<minute>\d\d):(?P<second>\d\d)(?:\.(?P<fraction>\d+))?)?"
    r"(?P<offset>(?P<sign>[+-])(?P<oh>\d\d):(?P<om>\d\d)(?::(?P<os>\d\d))?)?")


def moment(text):
    """A Moment from Rust's Display of one."""
    m = _MOMENT.fullmatch(text)
    if m is None:
        raise ValueError(f"not a moment: {text!r}")
    date = time = offset = None
    if m["year"] is not None:
        date = ns["_days_from_civil"](int(m["year"]), int(m["month"]), int(m["day"]))
    if m["hour"] is not None:
        seconds = int(m["hour"]) * 3600 + int(m["minute"]) * 60 + int(m["second"])
        time = seconds * 10 ** 9 + int((m["fraction"] or "").ljust(9, "0"))
    if m["offset"] is not None:
        offset = int(m["oh"]) * 3600 + int(m["om"]) * 60 + int(m["os"] or 0)
        offset = -offset if m["sign"] == "-" else offset
    return ns["Moment"](date, time, offset)


def shown(value):
    if value is None:
        raise ns["LibraryError"]("none")
    if isinstance(value, Decimal):
        return ns["_dec_text"](value)
    return str(value)


def number_pattern(pattern, value):
    return ns["NumberPattern"](pattern).format(Decimal(value))


OPS = {
    "dec_add": lambda a, b: ns["_dec_add"](Decimal(a), Decimal(b)),
    "dec_sub": lambda a, b: ns["_dec_sub"](Decimal(a), Decimal(b)),
    "dec_mul": lambda a, b: ns["_dec_mul"](Decimal(a), Decimal(b)),
    "dec_div": lambda a, b: ns["_dec_div"](Decimal(a), Decimal(b)),
    "dec_rem": lambda a, b: ns["_dec_rem"](Decimal(a), Decimal(b)),
    "dec_round_dp": lambda a, places: ns["_dec_round_dp"](Decimal(a), int(places)),
    "dec_rescale": lambda a, scale: ns["_dec_rescale"](Decimal(a), int(scale)),
    "dec_trunc": lambda a: ns["_dec_trunc"](Decimal(a)),
    "dec_floor": lambda a: ns["_dec_floor"](Decimal(a)),
    "dec_fract": lambda a: ns["_dec_fract"](Decimal(a)),
    "dec_normalize": lambda a: ns["_dec_normalize"](Decimal(a)),
    "dec_to_i64": lambda a: ns["_dec_to_i64"](Decimal(a)),
    "dec_from_str": lambda text: ns["_dec_from_str"](text),
    "read_number": lambda text: ns["_read_number"](text),
    "round_to_multiple": lambda v, step, mode: ns["_round_to_multiple"](Decimal(v), Decimal(step), mode),
    "round_places": lambda v, places, mode: ns["_round_places"](Decimal(v), int(places), mode),
    "round_significant": lambda v, digits, mode: ns["_round_significant"](Decimal(v), int(digits), mode),
    "add": lambda a, b: ns["_add"](Decimal(a), Decimal(b)),
    "subtract": lambda a, b: ns["_subtract"](Decimal(a), Decimal(b)),
    "multiply": lambda a, b: ns["_multiply"](Decimal(a), Decimal(b)),
    "divide": lambda a, b: ns["_divide"](Decimal(a), Decimal(b)),
    "format_plain": lambda v: ns["_format_plain"](Decimal(v)),
    "number_pattern": number_pattern,
    "date_parse": lambda pattern: ns["DatePattern"](pattern).source,
    "date_format": lambda pattern, m: ns["DatePattern"](pattern).format(moment(m)),
    "date_read": lambda pattern, text: ns["DatePattern"](pattern).read(text),
    "read_any": lambda text, order: ns["_read_any"](text, order),
    "read_serial": lambda text: ns["_read_serial"](text),
    "from_serial": lambda v: ns["_from_serial"](Decimal(v)),
    "to_serial": lambda m: ns["_to_serial"](moment(m)),
    "read_unix_seconds": lambda text: ns["_read_unix_seconds"](text),
    "read_unix_millis": lambda text: ns["_read_unix_millis"](text),
    "shift": lambda m, amount, unit: ns["_shift"](moment(m), Decimal(amount), unit),
    "between": lambda a, b, unit: ns["_between"](moment(a), moment(b), unit),
    "start_of": lambda m, unit: ns["_start_of"](moment(m), unit),
    "end_of": lambda m, unit: ns["_end_of"](moment(m), unit),
    "round_to": lambda m, step, unit, mode: ns["_round_to"](moment(m), Decimal(step), unit, mode),
    "to_zone": lambda m, zone: ns["_to_zone"](moment(m), zone),
    "in_zone": lambda m, zone: ns["_in_zone"](moment(m), zone),
    "read_duration": lambda text: ns["_read_duration"](text),
    "duration_parse": lambda pattern: ns["DurationPattern"](pattern).source,
    "duration_format": lambda pattern, s: ns["DurationPattern"](pattern).format(Decimal(s)),
}


def compiled(kind, source, make):
    return make(source) if kind == "pattern" else source


def library_call(name, convert):
    return lambda *args: ns[name](*(f(a) for f, a in zip(convert, args)))


text, dec, when, as_is, as_int = str, Decimal, moment, str, int
OPS.update({
    "lib_num": library_call("lib_num", [text]),
    "lib_add": library_call("lib_add", [dec, dec]),
    "lib_subtract": library_call("lib_subtract", [dec, dec]),
    "lib_multiply": library_call("lib_multiply", [dec, dec]),
    "lib_divide": library_call("lib_divide", [dec, dec]),
    "lib_round": library_call("lib_round", [dec, dec, as_is]),
    "lib_round_sig": library_call("lib_round_sig", [dec, as_int, as_is]),
    "lib_format_num": lambda n, kind, f: ns["lib_format_num"](
        Decimal(n), compiled(kind, f, ns["NumberPattern"])),
    "lib_show_num": lambda n: ns["lib_show"](Decimal(n)),
    "lib_read_date": lambda t, kind, f: ns["lib_read_date"](t, compiled(kind, f, ns["DatePattern"])),
    "lib_format_date": lambda m, kind, f: ns["lib_format_date"](
        moment(m), compiled(kind, f, ns["DatePattern"])),
    "lib_show_date": lambda m: ns["lib_show"](moment(m)),
    "lib_shift": library_call("lib_shift", [when, dec, as_is]),
    "lib_between": library_call("lib_between", [when, when, as_is]),
    "lib_start_of": library_call("lib_start_of", [when, as_is]),
    "lib_end_of": library_call("lib_end_of", [when, as_is]),
    "lib_round_date": library_call("lib_round_date", [when, dec, as_is, as_is]),
    "lib_to_zone": library_call("lib_to_zone", [when, as_is]),
    "lib_in_zone": library_call("lib_in_zone", [when, as_is]),
    "lib_read_duration": library_call("lib_read_duration", [text, as_is]),
    "lib_format_duration": lambda n, unit, p: ns["lib_format_duration"](
        Decimal(n), unit, ns["DurationPattern"](p)),
})


def run(call):
    op, args = call[0], call[1:]
    try:
        return [True, shown(OPS[op](*args))]
    except (ns["LibraryError"], ns["GemfillError"]) as error:
        return [False, str(error)]
    except Exception:
        return [False, "Python raised " + traceback.format_exc(limit=-3)]


json.dump([run(call) for call in request["cases"]], sys.stdout)
