#!/usr/bin/env python3
"""Generate numbers-dates.jsonl: gemfill's task suite of number, date and time transformations.

Usage:
    python3 numbers_dates_gen.py            # writes numbers-dates.jsonl next to this script
    python3 numbers_dates_gen.py --check    # only checks that the file on disk is up to date

Every task below is data (3 examples, 5 to 8 held-out test inputs) plus a short reference
function. The expected outputs of the TESTS are computed by the reference function, with exact
arithmetic: decimal.Decimal for numbers, datetime / zoneinfo for dates, times and time zones.
The outputs of the EXAMPLES are written by hand and the script asserts that the reference
function reproduces each of them, so that a reference function cannot silently disagree with
what the task shows.

Further checks made on every run (an AssertionError stops the script):
  * rounding: every task is re-run under each of the seven decimal rounding modes; a mode
    that reproduces all three examples must also reproduce every test (so a test never
    depends on a tie-breaking or rounding direction that the examples do not show);
  * alternative readings: some tasks list plausible wrong programs ("alts"); the same rule
    applies to them (if an alt fits the examples, it must fit the tests too);
  * named time zones: no test or example lies within a day of a DST change;
  * format: 3 examples, 5 to 8 tests, 1 to 3 input columns, no repeated inputs, NFC strings,
    unique names of the form category/short-description.

Python 3 standard library only (zoneinfo uses the system time-zone database). The output is
deterministic: running the script twice writes the same bytes.
"""
import calendar
import datetime as dt
import json
import os
import re
import sys
import unicodedata
from decimal import (ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_DOWN, ROUND_HALF_EVEN,
                     ROUND_HALF_UP, ROUND_UP, Decimal as D, getcontext)
from zoneinfo import ZoneInfo

getcontext().prec = 60
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "numbers-dates.jsonl")

# ----------------------------------------------------------------------------------------------
# Helpers: numbers
# ----------------------------------------------------------------------------------------------
ALL_MODES = (ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_HALF_DOWN, ROUND_UP, ROUND_DOWN,
             ROUND_CEILING, ROUND_FLOOR)
MODE = [ROUND_HALF_UP]  # rounding mode of the task being evaluated (the checker swaps it)


def R(x, step):
    """x rounded to a multiple of step with the task's rounding mode."""
    step = D(step)
    return (D(x) / step).quantize(D(1), rounding=MODE[0]) * step


def sig(x, n):
    """x rounded to n significant digits."""
    return R(x, D(1).scaleb(x.adjusted() - n + 1))


def plain(x):
    """Shortest decimal notation: no exponent, no trailing zeros ("2.50" -> "2.5", 1E+3 -> "1000")."""
    x = D(x).normalize()
    return "0" if x == 0 else format(x, "f")


def show(x, n):
    """x with exactly n decimals; x must already be a multiple of 10**-n (no hidden rounding)."""
    q = D(x).quantize(D(1).scaleb(-n))
    assert q == x, f"show({x}, {n}) would round"
    return format(abs(q) if q == 0 else q, "f")


def grp(x, n=0, sep=",", dp=".", first=3, rest=3):
    """x with n decimals, the integer part grouped: first group `first` digits, then `rest`."""
    s = show(abs(D(x)), n)
    i, _, f = s.partition(".")
    parts = [i[-first:]]
    i = i[:-first]
    while i:
        parts.insert(0, i[-rest:])
        i = i[:-rest]
    return ("-" if x < 0 else "") + sep.join(parts) + (dp + f if f else "")


NUM_RE = re.compile(r"[-+]?(?:\d[\d,]*)?\.?\d+")


def num(s):
    """The first number in s, thousands commas removed: 'Total: 1,234.50 USD' -> 1234.50."""
    return D(NUM_RE.search(s).group().replace(",", ""))


# ----------------------------------------------------------------------------------------------
# Helpers: dates and times
# ----------------------------------------------------------------------------------------------
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MON = [m[:3] for m in MONTHS]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DE_MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
             "September", "Oktober", "November", "Dezember"]
FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]
FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
EXCEL_EPOCH = dt.date(1899, 12, 30)  # 1900 date system, valid for serials >= 61 (1900-03-01)
UTC = dt.timezone.utc


def month_no(name):
    """1..12 from an English month name or its 3-letter abbreviation, any case."""
    return [m.lower() for m in MON].index(name[:3].lower()) + 1


def iso(d):
    return d.isoformat()


def date(s):
    return dt.date.fromisoformat(s)


def ymd_hm(s):
    return dt.datetime.strptime(s, "%Y-%m-%d %H:%M")


def ordinal(n):
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def two_digit_year(yy):
    """Spreadsheet pivot: 00-29 -> 2000s, 30-99 -> 1900s."""
    return 2000 + yy if yy < 30 else 1900 + yy


def add_months(d, n):
    """EDATE: same day n months later, clamped to the month's last day."""
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def month_end(d):
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def hm(minutes):
    """Minutes as h:mm (hours not padded)."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def h12(h, m=None):
    """Hour 0..23 in 12-hour style: (15, 5) -> '3:05 PM'; (15,) -> '3PM'."""
    hh, ap = (h % 12) or 12, ("AM" if h % 24 < 12 else "PM")
    return f"{hh}{ap}" if m is None else f"{hh}:{m:02d} {ap}"


def clock12(s):
    """'3:00 PM' / '12:30 am' / '3pm' -> (hour 0..23, minute)."""
    m = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?\s*([AaPp])[Mm]", s.strip())
    h, mi = int(m.group(1)), int(m.group(2) or 0)
    assert 1 <= h <= 12
    return h % 12 + (12 if m.group(3).upper() == "P" else 0), mi


def offset(s):
    """'+05:30' / '-0500' / '+2' -> a fixed tzinfo."""
    m = re.fullmatch(r"([+-])(\d{1,2}):?(\d{2})?", s)
    delta = dt.timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0))
    return dt.timezone(-delta if m.group(1) == "-" else delta)


def fmt_offset(t, colon=True):
    """The UTC offset of an aware datetime as '+02:00' (or '+0200')."""
    total = int(t.utcoffset().total_seconds()) // 60
    sign, total = ("-" if total < 0 else "+"), abs(total)
    return f"{sign}{total // 60:02d}{':' if colon else ''}{total % 60:02d}"


def in_zone(t, zone):
    """An aware datetime shown in an IANA zone; asserts no DST change within a day of it."""
    z = ZoneInfo(zone)
    local = t.astimezone(z)
    day = dt.timedelta(days=1)
    assert (t - day).astimezone(z).utcoffset() == local.utcoffset() == (t + day).astimezone(z).utcoffset(), \
        f"{t} is within a day of a DST change in {zone}"
    return local


def local_in_zone(naive, zone):
    """A naive local time in an IANA zone as an aware datetime (checked away from DST changes)."""
    t = naive.replace(tzinfo=ZoneInfo(zone))
    in_zone(t.astimezone(UTC), zone)
    return t


# ----------------------------------------------------------------------------------------------
# Task registry
# ----------------------------------------------------------------------------------------------
TASKS = []


def T(name, description, fn, examples, tests, mode=ROUND_HALF_UP, alts=(), tags=()):
    """Registers a task. examples: [(inputs, expected_output)]; tests: [inputs];
    inputs are a string (one column) or a tuple of strings."""
    TASKS.append(dict(name=name, description=description, fn=fn, examples=examples,
                      tests=tests, mode=mode, alts=alts, tags=tags))


def cols(inputs):
    return (inputs,) if isinstance(inputs, str) else tuple(inputs)


def run(fn, inputs, mode):
    MODE[0] = mode
    try:
        return fn(*cols(inputs))
    finally:
        MODE[0] = ROUND_HALF_UP


# ==============================================================================================
# rounding
# ==============================================================================================
T("rounding/two-decimals", "Round a number to two decimal places, halves rounded up.",
  lambda s: show(R(D(s), "0.01"), 2),
  [("3.14159", "3.14"), ("2.71828", "2.72"), ("0.125", "0.13")],
  ["1.005", "45.6789", "0.333333", "8.0449", "1234.5678", "2.675", "19.994"])

T("rounding/one-decimal-celsius", "Round a temperature reading in °C to one decimal, halves up.",
  lambda s: show(R(num(s), "0.1"), 1) + " °C",
  [("23.46 °C", "23.5 °C"), ("18.92 °C", "18.9 °C"), ("21.25 °C", "21.3 °C")],
  ["25.55 °C", "9.81 °C", "30.06 °C", "12.349 °C", "0.75 °C", "37.15 °C"])

T("rounding/nearest-kilogram", "Round a weight in kg to the nearest whole kilogram, halves up.",
  lambda s: show(R(num(s), 1), 0) + " kg",
  [("72.6 kg", "73 kg"), ("68.4 kg", "68 kg"), ("80.5 kg", "81 kg")],
  ["54.49 kg", "101.5 kg", "99.7 kg", "45.5 kg", "63.2 kg", "120.51 kg"])

T("rounding/bankers-integer", "Round to a whole number with banker's rounding (halves go to the even neighbour).",
  lambda s: show(R(D(s), 1), 0),
  [("2.5", "2"), ("3.5", "4"), ("6.72", "7")],
  ["0.5", "1.5", "4.5", "10.5", "11.5", "6.49", "99.5"], mode=ROUND_HALF_EVEN)

T("rounding/bankers-cents", "Round an amount to cents with banker's rounding (halves go to the even cent).",
  lambda s: show(R(D(s), "0.01"), 2),
  [("1.125", "1.12"), ("1.135", "1.14"), ("20.4461", "20.45")],
  ["0.615", "2.345", "7.865", "3.14159", "45.555", "0.285", "12.3449"], mode=ROUND_HALF_EVEN)

T("rounding/half-away-from-zero", "Round to a whole number, halves away from zero (like a spreadsheet's ROUND).",
  lambda s: show(R(D(s), 1), 0),
  [("2.5", "3"), ("-2.5", "-3"), ("-7.3", "-7")],
  ["-12.5", "4.49", "-3.2", "0.5", "-99.5", "15.7", "-0.6"])

T("rounding/truncate-two-decimals", "Cut a number to two decimals without rounding.",
  lambda s: show(R(D(s), "0.01"), 2),
  [("3.14159", "3.14"), ("2.71828", "2.71"), ("9.999", "9.99")],
  ["0.6789", "12.3456", "100.129", "5.5555", "42.0871", "1.2399"], mode=ROUND_DOWN)

T("rounding/three-significant-digits", "Round a number to three significant digits.",
  lambda s: plain(sig(D(s), 3)),
  [("123456", "123000"), ("0.0045678", "0.00457"), ("98.765", "98.8")],
  ["1.23456", "45678.9", "0.30151", "299792458", "6.02214", "0.000123456", "8765.4321"])

T("rounding/population-two-significant", "Round a population figure to two significant digits, keeping the comma separators.",
  lambda s: grp(sig(num(s), 2)),
  [("8,336,817", "8,300,000"), ("38,562", "39,000"), ("1,234", "1,200")],
  ["329,484,123", "967", "4,751", "51,249", "2,960,000", "12,345,678"])

T("rounding/up-to-multiple-of-5", "Round a whole number up to the next multiple of 5 (multiples stay).",
  lambda s: show(R(D(s), 5), 0),
  [("13", "15"), ("21", "25"), ("35", "35")],
  ["1", "50", "51", "99", "4", "122", "7"], mode=ROUND_CEILING)

T("rounding/up-to-50-grams", "Round a parcel weight up to the next 50 g (multiples of 50 stay).",
  lambda s: show(R(num(s), 50), 0) + " g",
  [("1210 g", "1250 g"), ("1260 g", "1300 g"), ("750 g", "750 g")],
  ["1 g", "49 g", "51 g", "2349 g", "2351 g", "999 g", "80 g"], mode=ROUND_CEILING)

T("rounding/down-to-quarter-hour-decimal", "Round hours worked down to a quarter hour, written without trailing zeros.",
  lambda s: plain(R(D(s), "0.25")),
  [("3.9", "3.75"), ("2.6", "2.5"), ("7.1", "7")],
  ["1.3", "8.74", "0.99", "6.5", "10.49", "12.8"], mode=ROUND_FLOOR)

T("rounding/nearest-quarter", "Round to the nearest 0.25, shown with two decimals.",
  lambda s: show(R(D(s), "0.25"), 2),
  [("2.6", "2.50"), ("3.9", "4.00"), ("1.13", "1.25")],
  ["5.37", "7.88", "10.62", "0.3", "6.7", "12.2"])

T("rounding/swiss-cash-rounding", "Round a CHF amount to the nearest 5 centimes.",
  lambda s: "CHF " + show(R(num(s), "0.05"), 2),
  [("CHF 12.37", "CHF 12.35"), ("CHF 8.98", "CHF 9.00"), ("CHF 3.43", "CHF 3.45")],
  ["CHF 0.12", "CHF 19.99", "CHF 104.51", "CHF 7.06", "CHF 55.18", "CHF 2.34"])

T("rounding/nearest-hundred-grouped", "Round to the nearest hundred and write it with comma thousands separators.",
  lambda s: grp(R(D(s), 100)),
  [("1234", "1,200"), ("56789", "56,800"), ("987654", "987,700")],
  ["4321", "999", "15049", "2468013", "77777", "640"])

T("rounding/salary-down-to-thousand", "Round a dollar salary down to the whole thousand.",
  lambda s: "$" + grp(R(num(s), 1000)),
  [("$48,750", "$48,000"), ("$125,999", "$125,000"), ("$9,200", "$9,000")],
  ["$72,500", "$1,234,567", "$60,001", "$33,999", "$250,000", "$1,000"], mode=ROUND_FLOOR)

T("rounding/thousands-k", "Round to the nearest thousand and write it as a number of K.",
  lambda s: show(R(num(s), 1000) / 1000, 0) + "K",
  [("12,499", "12K"), ("12,500", "13K"), ("987,654", "988K")],
  ["1,499", "250,000", "3,501", "45,678", "999,499", "20,750"])

T("rounding/car-price-nearest-500", "Round a car price to the nearest $500.",
  lambda s: "$" + grp(R(num(s), 500)),
  [("$18,740", "$18,500"), ("$18,760", "$19,000"), ("$24,100", "$24,000")],
  ["$31,251", "$9,999", "$12,749", "$45,800", "$7,240", "$129,600"])

T("rounding/price-ending-99", "Turn a price into the .99 price of its whole-dollar amount (12.30 -> 12.99).",
  lambda s: show(R(D(s), 1) + D("0.99"), 2),
  [("12.30", "12.99"), ("8.75", "8.99"), ("21.05", "21.99")],
  ["3.10", "99.50", "149.00", "0.45", "7.99", "1234.56"], mode=ROUND_FLOOR)

T("rounding/up-to-whole-units", "Round a quantity up to the next whole number (whole numbers stay).",
  lambda s: show(R(D(s), 1), 0),
  [("4.3", "5"), ("2.8", "3"), ("6", "6")],
  ["0.1", "11.01", "9", "15.5", "1.99", "20.75"], mode=ROUND_CEILING)

T("rounding/age-band", "Put an age into its ten-year band (37 -> 30-39).",
  lambda s: f"{int(R(D(s), 10))}-{int(R(D(s), 10)) + 9}",
  [("37", "30-39"), ("42", "40-49"), ("60", "60-69")],
  ["18", "99", "25", "71", "50", "33", "86"], mode=ROUND_FLOOR)

T("rounding/percent-one-decimal", "Round a percentage to one decimal, halves up.",
  lambda s: show(R(num(s), "0.1"), 1) + "%",
  [("45.678%", "45.7%"), ("12.34%", "12.3%"), ("0.05%", "0.1%")],
  ["33.333%", "66.666%", "7.25%", "50.55%", "8.891%", "0.449%", "23.45%"])

# ==============================================================================================
# arithmetic
# ==============================================================================================
T("arithmetic/litres-to-millilitres", "Convert litres to millilitres.",
  lambda s: plain(num(s) * 1000) + " mL",
  [("0.512 L", "512 mL"), ("1.25 L", "1250 mL"), ("2 L", "2000 mL")],
  ["0.033 L", "0.75 L", "3.5 L", "10 L", "1.001 L", "0.2 L"])

T("arithmetic/centimetres-to-metres", "Divide a length in centimetres by 100 to get metres, without trailing zeros.",
  lambda s: plain(D(s) / 100),
  [("1530.2", "15.302"), ("250", "2.5"), ("75", "0.75")],
  ["1", "12345", "80.5", "300", "4.2", "0.5"])

T("arithmetic/km-to-miles", "Convert kilometres to miles, rounded to one decimal.",
  lambda s: show(R(num(s) / D("1.609344"), "0.1"), 1) + " mi",
  [("10 km", "6.2 mi"), ("42.195 km", "26.2 mi"), ("3 km", "1.9 mi")],
  ["21.1 km", "100 km", "1 km", "160 km", "5 km", "15 km", "50 km"])

T("arithmetic/fahrenheit-to-celsius", "Convert °F to °C, rounded to one decimal.",
  lambda s: show(R((num(s) - 32) * 5 / 9, "0.1"), 1) + " °C",
  [("75 °F", "23.9 °C"), ("14 °F", "-10.0 °C"), ("70 °F", "21.1 °C")],
  ["98.6 °F", "212 °F", "-4 °F", "451 °F", "59.5 °F", "0 °F", "32 °F"])

T("arithmetic/kg-to-pounds", "Convert kilograms to pounds, rounded to one decimal.",
  lambda s: show(R(num(s) / D("0.45359237"), "0.1"), 1) + " lb",
  [("70 kg", "154.3 lb"), ("1 kg", "2.2 lb"), ("82.5 kg", "181.9 lb")],
  ["100 kg", "55 kg", "3.2 kg", "120 kg", "90 kg", "12.5 kg"])

T("arithmetic/fraction-to-percent", "Write a fraction as a percentage, without trailing zeros.",
  lambda s: plain(D(s) * 100) + "%",
  [("0.125", "12.5%"), ("0.4", "40%"), ("0.0725", "7.25%")],
  ["1", "0.333", "0.05", "1.5", "0.0001", "0.875"])

T("arithmetic/add-vat-20", "Add 20% VAT to a net price, rounded to the cent.",
  lambda s: show(R(D(s) * D("1.2"), "0.01"), 2),
  [("100.00", "120.00"), ("19.99", "23.99"), ("1234.56", "1481.47")],
  ["0.99", "7.50", "45.00", "12.34", "3.33", "250.10"])

T("arithmetic/apply-discount", "Price after a percentage discount, rounded to the cent.",
  lambda p, pct: show(R(D(p) * (100 - num(pct)) / 100, "0.01"), 2),
  [(("80.00", "15%"), "68.00"), (("19.99", "10%"), "17.99"), (("250.00", "25%"), "187.50")],
  [("49.95", "20%"), ("12.00", "5%"), ("1299.00", "30%"), ("64.99", "15%"), ("349.99", "12%"),
   ("18.75", "40%")], tags=("multi-column",))

T("arithmetic/net-from-gross-19", "Net amount of a gross price that includes 19% VAT, rounded to the cent.",
  lambda s: show(R(D(s) / D("1.19"), "0.01"), 2),
  [("119.00", "100.00"), ("25.00", "21.01"), ("10.00", "8.40")],
  ["238.00", "1.19", "99.99", "59.50", "4.99", "1000.00"])

T("arithmetic/line-total", "Line total of an invoice: unit price times quantity, two decimals.",
  lambda p, q: show(D(p) * D(q), 2),
  [(("4.99", "3"), "14.97"), (("12.50", "2"), "25.00"), (("0.35", "12"), "4.20")],
  [("199.99", "1"), ("2.75", "8"), ("15.00", "10"), ("0.99", "25"), ("1234.56", "3")],
  tags=("multi-column",))

T("arithmetic/budget-variance", "Actual minus budget.",
  lambda a, b: plain(D(a) - D(b)),
  [(("1250", "1100"), "150"), (("980", "1020"), "-40"), (("500", "500"), "0")],
  [("15000", "12500"), ("3200", "4100"), ("87", "12"), ("0", "250"), ("10000", "9999"),
   ("640", "1640")], tags=("multi-column",))

T("arithmetic/completion-percent", "Done out of total as a percentage with one decimal.",
  lambda a, b: show(R(D(a) / D(b) * 100, "0.1"), 1) + "%",
  [(("45", "60"), "75.0%"), (("2", "3"), "66.7%"), (("1", "3"), "33.3%")],
  [("7", "8"), ("120", "120"), ("0", "25"), ("19", "40"), ("5", "6"), ("13", "17")],
  tags=("multi-column",))

T("arithmetic/percent-change", "Change from the old to the new value in percent, one decimal, with its sign.",
  lambda a, b: f"{R((D(b) - D(a)) / D(a) * 100, '0.1'):+.1f}%",
  [(("1400", "1800"), "+28.6%"), (("900", "600"), "-33.3%"), (("300", "400"), "+33.3%")],
  [("50", "75"), ("120", "90"), ("200", "203"), ("1000", "999"), ("64", "80"), ("250", "200"),
   ("70", "50")], tags=("multi-column",))

T("arithmetic/order-total", "Order total: subtotal plus shipping plus tax.",
  lambda a, b, c: show(D(a) + D(b) + D(c), 2),
  [(("100.00", "5.99", "8.00"), "113.99"), (("45.50", "0.00", "3.64"), "49.14"),
   (("12.99", "4.50", "1.04"), "18.53")],
  [("250.00", "0.00", "20.00"), ("9.99", "3.99", "0.80"), ("1499.00", "25.00", "119.92"),
   ("0.50", "1.50", "0.04"), ("75.25", "9.75", "6.02")], tags=("multi-column",))

T("arithmetic/average-of-three", "Average of three scores, one decimal.",
  lambda a, b, c: show(R((D(a) + D(b) + D(c)) / 3, "0.1"), 1),
  [(("88", "92", "79"), "86.3"), (("70", "85", "91"), "82.0"), (("64", "71", "80"), "71.7")],
  [("83", "90", "76"), ("59", "72", "68"), ("95", "97", "100"), ("40", "55", "61"),
   ("73", "81", "88"), ("100", "100", "99")], tags=("multi-column",))

T("arithmetic/bmi", "Body-mass index from weight in kg and height in cm, one decimal.",
  lambda w, h: show(R(D(w) / (D(h) / 100) ** 2, "0.1"), 1),
  [(("70", "175"), "22.9"), (("85", "180"), "26.2"), (("54", "162"), "20.6")],
  [("95", "190"), ("110", "183"), ("58", "170"), ("77", "178"), ("66", "160"), ("90", "172")],
  tags=("multi-column",))

T("arithmetic/to-kilograms", "A mass given as number and unit (g, kg or t) in kilograms.",
  lambda n, u: plain(D(n) * {"g": D("0.001"), "kg": D(1), "t": D(1000)}[u]),
  [(("750", "g"), "0.75"), (("2.5", "kg"), "2.5"), (("1.2", "t"), "1200")],
  [("1500", "g"), ("40", "kg"), ("0.35", "t"), ("80", "g"), ("3", "t"), ("12.75", "kg")],
  tags=("multi-column",))

T("arithmetic/split-bill", "Each person's share of a bill, rounded up to the cent.",
  lambda total, n: show(R(D(total) / D(n), "0.01"), 2),
  [(("100.00", "3"), "33.34"), (("85.50", "2"), "42.75"), (("47.00", "6"), "7.84")],
  [("120.00", "4"), ("59.99", "3"), ("10.00", "7"), ("250.40", "5"), ("33.33", "2"),
   ("1000.00", "6")], mode=ROUND_CEILING, tags=("multi-column",))

T("arithmetic/bytes-to-mib", "File size in bytes as MiB (1 MiB = 1048576 bytes), two decimals.",
  lambda s: show(R(D(s) / 1048576, "0.01"), 2) + " MiB",
  [("5242880", "5.00 MiB"), ("123456789", "117.74 MiB"), ("2500000", "2.38 MiB")],
  ["1048576", "734003200", "1572864", "10000000000", "65536", "4194304000"])

T("arithmetic/minutes-to-decimal-hours", "Minutes as decimal hours with two decimals (timesheets).",
  lambda s: show(R(D(s) / 60, "0.01"), 2),
  [("90", "1.50"), ("20", "0.33"), ("10", "0.17")],
  ["60", "125", "45", "480", "7", "200"])

T("arithmetic/mph-to-kmh", "Convert a speed in mph to km/h, rounded to a whole number.",
  lambda s: show(R(num(s) * D("1.609344"), 1), 0) + " km/h",
  [("60 mph", "97 km/h"), ("30 mph", "48 km/h"), ("70 mph", "113 km/h")],
  ["55 mph", "20 mph", "100 mph", "45 mph", "85 mph", "15 mph"])

T("arithmetic/inches-to-cm", "Convert inches to centimetres (exact factor 2.54), without trailing zeros.",
  lambda s: plain(num(s) * D("2.54")) + " cm",
  [("12 in", "30.48 cm"), ("5.5 in", "13.97 cm"), ("10 in", "25.4 cm")],
  ["27 in", "72 in", "100 in", "3.5 in", "65 in", "32 in"])

# ==============================================================================================
# number-format
# ==============================================================================================
T("number-format/three-decimals", "Show a number with exactly three decimals.",
  lambda s: show(D(s), 3),
  [("18.5", "18.500"), ("3", "3.000"), ("0.25", "0.250")],
  ["12.125", "100", "7.1", "0.001", "45.67", "2.05"])

T("number-format/drop-trailing-zeros", "Remove trailing zeros after the decimal point (and the point if nothing is left).",
  lambda s: plain(D(s)),
  [("2.500", "2.5"), ("10.000", "10"), ("0.750", "0.75")],
  ["3.140", "100.000", "0.005", "12.300", "50.050", "7.000", "1200.500"])

T("number-format/bin-label-zero-pad", "Warehouse bin label with the number padded to three digits.",
  lambda s: "BIN-" + s.split()[1].zfill(3),
  [("Bin 7", "BIN-007"), ("Bin 42", "BIN-042"), ("Bin 315", "BIN-315")],
  ["Bin 1", "Bin 99", "Bin 100", "Bin 8", "Bin 560", "Bin 30"])

T("number-format/thousands-two-decimals", "Comma thousands separators and two decimals.",
  lambda s: grp(D(s), 2),
  [("1234567.89", "1,234,567.89"), ("987.5", "987.50"), ("45000", "45,000.00")],
  ["1000", "12345.6", "999999.99", "3.07", "250000000", "10000.1"])

T("number-format/us-to-european", "Swap US separators for European ones (1,234.5 -> 1.234,5).",
  lambda s: s.translate(str.maketrans(",.", ".,")),
  [("1,234,567.89", "1.234.567,89"), ("45.50", "45,50"), ("1,000", "1.000")],
  ["12,345.67", "999.99", "2,500,000", "0.05", "10,000.5", "7,777,777.77"])

T("number-format/euro-to-plain", "Read a European euro amount into a plain number with a decimal point.",
  lambda s: s.removeprefix("€ ").replace(".", "").replace(",", "."),
  [("€ 1.234,56", "1234.56"), ("€ 89,90", "89.90"), ("€ 12.000,00", "12000.00")],
  ["€ 0,99", "€ 1.000.000,00", "€ 250,50", "€ 7.499,95", "€ 10,00"])

T("number-format/swiss-apostrophe", "Swiss style: apostrophe thousands separators and two decimals.",
  lambda s: grp(D(s), 2, sep="'"),
  [("1234567.5", "1'234'567.50"), ("12500", "12'500.00"), ("980.3", "980.30")],
  ["1000", "99999.99", "2500000", "42.42", "100000.1"])

T("number-format/french-euro", "French euro amount: narrow no-break space between thousands, decimal comma, no-break space before €.",
  lambda s: grp(D(s), 2, sep="\u202f", dp=",") + "\u00a0€",
  [("1234.5", "1\u202f234,50\u00a0€"), ("89.9", "89,90\u00a0€"),
   ("1250000", "1\u202f250\u202f000,00\u00a0€")],
  ["0.99", "10000", "999.99", "45678.9", "3000000.5"])

T("number-format/space-thousands", "Group the digits of a whole number in threes with spaces.",
  lambda s: grp(D(s), sep=" "),
  [("8336817", "8 336 817"), ("45210", "45 210"), ("1000000", "1 000 000")],
  ["999", "12345", "123456789", "20500", "7000000000"])

T("number-format/accounting-negatives", "Accounting style: two decimals, comma separators, negatives in parentheses.",
  lambda s: f"({grp(-D(s), 2)})" if D(s) < 0 else grp(D(s), 2),
  [("-3.2", "(3.20)"), ("1250", "1,250.00"), ("-1234.5", "(1,234.50)")],
  ["0.5", "-0.75", "-100000", "42.1", "98765.43", "-7"])

T("number-format/accounting-to-signed", "Accounting amount to a plain signed number (parentheses become a minus).",
  lambda s: ("-" + s.strip("()") if s.startswith("(") else s).replace(",", ""),
  [("(1,234.50)", "-1234.50"), ("2,000.00", "2000.00"), ("(0.99)", "-0.99")],
  ["(15,000.00)", "345.67", "(7.25)", "1,000,000.01", "0.10", "(100.00)"])

T("number-format/percent-two-decimals", "Fraction as a percentage with exactly two decimals.",
  lambda s: show(D(s) * 100, 2) + "%",
  [("0.1234", "12.34%"), ("0.5", "50.00%"), ("1.05", "105.00%")],
  ["0.0001", "0.075", "2", "0.3333", "0.0042", "0.9999"])

T("number-format/german-euro", "German euro format: dot thousands, decimal comma, two decimals, € after a space.",
  lambda s: grp(D(s), 2, sep=".", dp=",") + " €",
  [("1234.5", "1.234,50 €"), ("19.99", "19,99 €"), ("250000", "250.000,00 €")],
  ["0.5", "1000000", "99.9", "12345.67", "7"])

T("number-format/gbp-symbol", "GBP amount written with the £ sign, comma separators and two decimals.",
  lambda s: "£" + grp(num(s), 2),
  [("GBP 1234.5", "£1,234.50"), ("GBP 0.99", "£0.99"), ("GBP 12", "£12.00")],
  ["GBP 1000000", "GBP 45.6", "GBP 299.99", "GBP 7", "GBP 12345.67"])

T("number-format/yen-symbol", "JPY amount written with the ¥ sign and comma separators (no decimals).",
  lambda s: "¥" + grp(num(s)),
  [("JPY 1234567", "¥1,234,567"), ("JPY 980", "¥980"), ("JPY 15000", "¥15,000")],
  ["JPY 100", "JPY 1000", "JPY 25800", "JPY 9999999", "JPY 54321"])

T("number-format/scientific-to-plain", "Write a number given in E notation as a plain decimal.",
  lambda s: plain(D(s)),
  [("1.2E+03", "1200"), ("4.5E-02", "0.045"), ("3E+06", "3000000")],
  ["1.5E+00", "7.25E-04", "9.99E+02", "2.5E+01", "1E-01", "6.674E-11"])


def to_sci(s):
    x = D(s).normalize()
    return f"{plain(x.scaleb(-x.adjusted()))}e{x.adjusted()}"


T("number-format/plain-to-scientific", "Write a positive number in short scientific notation (4.2e-4).",
  to_sci,
  [("0.00042", "4.2e-4"), ("1500", "1.5e3"), ("70000", "7e4")],
  ["602000", "0.05", "123.45", "0.000001", "45", "0.3"])


def excel_sci(s):
    x = sig(D(s), 3)
    e = x.adjusted()
    return f"{show(x.scaleb(-e), 2)}E{'-' if e < 0 else '+'}{abs(e):02d}"


T("number-format/spreadsheet-scientific", "Spreadsheet scientific format 0.00E+00 (three significant digits).",
  excel_sci,
  [("1234.5", "1.23E+03"), ("0.000456", "4.56E-04"), ("98765", "9.88E+04")],
  ["299792458", "0.0123", "6543210", "0.5", "12", "0.0000789"])

T("number-format/explicit-sign-percent", "Percentage change with an explicit + or - sign.",
  lambda s: ("+" if D(s) > 0 else "") + plain(D(s)) + "%",
  [("3.5", "+3.5%"), ("-2.1", "-2.1%"), ("12", "+12%")],
  ["0.25", "-15", "7.75", "-0.4", "100", "-33.3"])

T("number-format/extract-total", "Take the amount out of a 'Total: ... USD' line as a plain number.",
  lambda s: re.search(r"Total: ([\d,.]+) USD", s).group(1).replace(",", ""),
  [("Total: 1,234.50 USD", "1234.50"), ("Total: 89.00 USD", "89.00"),
   ("Total: 12,000.00 USD", "12000.00")],
  ["Total: 0.99 USD", "Total: 1,000,000.01 USD", "Total: 45.10 USD", "Total: 7,250.00 USD",
   "Total: 150.75 USD"])

T("number-format/millions-one-decimal", "Dollar amount in millions with one decimal and an M.",
  lambda s: "$" + show(R(num(s) / 1000000, "0.1"), 1) + "M",
  [("$12,345,678", "$12.3M"), ("$4,560,000", "$4.6M"), ("$870,000", "$0.9M")],
  ["$1,234,567", "$7,777,777", "$160,000", "$333,333,333", "$68,420,000", "$2,649,999"])


def mixed_fraction(s):
    whole, _, frac = s.rpartition(" ") if " " in s else ("0", "", s)
    n, d = frac.split("/")
    return plain(D(whole) + D(n) / D(d))


T("number-format/mixed-fraction-to-decimal", "Mixed fraction (inches) as a decimal number.",
  mixed_fraction,
  [("1 1/2", "1.5"), ("3/4", "0.75"), ("2 3/8", "2.375")],
  ["5 1/4", "7/8", "10 5/16", "1/2", "3 1/8", "12 3/4"])

T("number-format/indian-grouping", "Rupee amount with Indian digit grouping (lakh and crore: 12,34,567).",
  lambda s: "₹" + grp(D(s), first=3, rest=2),
  [("1234567", "₹12,34,567"), ("98765432", "₹9,87,65,432"), ("4500", "₹4,500")],
  ["100000", "999", "12345678901", "50000", "250000"])

T("number-format/trailing-minus", "ERP export with a trailing minus to a plain signed number.",
  lambda s: ("-" + s[:-1] if s.endswith("-") else s).replace(",", ""),
  [("1,234.50-", "-1234.50"), ("89.00", "89.00"), ("0.75-", "-0.75")],
  ["12,000.00-", "5.25", "1,000,000.00", "99.99-", "3,456.78"])

T("number-format/currency-code-to-symbol", "Amount and currency code (USD, EUR, GBP) to symbol, separators and two decimals.",
  lambda n, c: {"USD": "$", "EUR": "€", "GBP": "£"}[c] + grp(D(n), 2),
  [(("1234.5", "USD"), "$1,234.50"), (("99", "EUR"), "€99.00"), (("2500", "GBP"), "£2,500.00")],
  [("0.5", "EUR"), ("1000000", "USD"), ("45.99", "GBP"), ("12345.6", "EUR"), ("7", "USD")],
  tags=("multi-column",))

# ==============================================================================================
# date-parse
# ==============================================================================================


def parse_with(s, formats):
    for f in formats:
        try:
            return dt.datetime.strptime(s, f).date()
        except ValueError:
            pass
    raise ValueError(s)


T("date-parse/mixed-formats-to-iso", "Dates written in three different ways in one column, all to ISO YYYY-MM-DD.",
  lambda s: iso(parse_with(s, ["%b %d %Y", "%d-%b-%Y", "%Y/%m/%d"])),
  [("Mar 15 2024", "2024-03-15"), ("7-Nov-2023", "2023-11-07"), ("2022/01/09", "2022-01-09")],
  ["Dec 31 1999", "28-Feb-2024", "2021/06/30", "Aug 1 2020", "15-Oct-2019", "2023/11/05"])

T("date-parse/mixed-formats-to-us", "Dates written in three different ways in one column, all to MM/DD/YYYY.",
  lambda s: parse_with(s, ["%d %B %Y", "%B %d, %Y", "%Y-%m-%d"]).strftime("%m/%d/%Y"),
  [("14 February 2024", "02/14/2024"), ("September 3, 2023", "09/03/2023"),
   ("2022-11-20", "11/20/2022")],
  ["1 March 2021", "December 25, 2020", "2019-07-04", "30 June 2023", "May 9, 2024", "2000-02-29"])


def mdy_short(s):
    m, d, y = (int(p) for p in s.split("/"))
    return iso(dt.date(two_digit_year(y), m, d))


T("date-parse/us-two-digit-year", "US month/day/two-digit-year dates to ISO.",
  mdy_short,
  [("7/4/23", "2023-07-04"), ("12/25/99", "1999-12-25"), ("1/15/05", "2005-01-15")],
  ["3/8/87", "11/30/12", "6/1/18", "2/29/96", "10/10/10", "9/14/78"])

T("date-parse/day-month-year-slashes", "Day/month/year dates to ISO.",
  lambda s: iso(dt.datetime.strptime(s, "%d/%m/%Y").date()),
  [("17/03/2024", "2024-03-17"), ("05/11/2023", "2023-11-05"), ("30/01/2022", "2022-01-30")],
  ["01/02/2024", "29/02/2020", "12/10/2021", "31/12/1999", "08/07/2023", "21/06/2019"])


def dmy_dots_short(s):
    d, m, y = (int(p) for p in s.split("."))
    return iso(dt.date(two_digit_year(y), m, d))


T("date-parse/german-dots-two-digit-year", "German DD.MM.YY dates to ISO.",
  dmy_dots_short,
  [("04.07.23", "2023-07-04"), ("31.12.98", "1998-12-31"), ("15.03.05", "2005-03-15")],
  ["01.01.00", "28.02.19", "09.09.89", "30.06.21", "11.11.11", "24.12.75"])

T("date-parse/spreadsheet-serial", "Spreadsheet serial date (1900 date system) to ISO.",
  lambda s: iso(EXCEL_EPOCH + dt.timedelta(days=int(s))),
  [("45111", "2023-07-04"), ("36526", "2000-01-01"), ("43890", "2020-02-29")],
  ["25569", "44927", "45657", "40000", "32874", "47484"])

T("date-parse/unix-seconds", "Unix timestamp in seconds to a UTC date and time.",
  lambda s: dt.datetime.fromtimestamp(int(s), UTC).strftime("%Y-%m-%d %H:%M:%S"),
  [("1688428800", "2023-07-04 00:00:00"), ("1700000000", "2023-11-14 22:13:20"),
   ("946684799", "1999-12-31 23:59:59")],
  ["0", "1234567890", "1709251199", "2000000000", "86400", "1688481296"])


def unix_ms(s):
    t = dt.datetime(1970, 1, 1) + dt.timedelta(milliseconds=int(s))
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


T("date-parse/unix-milliseconds", "Unix timestamp in milliseconds to an ISO 8601 UTC time with milliseconds.",
  unix_ms,
  [("1688481296123", "2023-07-04T14:34:56.123Z"), ("1700000000000", "2023-11-14T22:13:20.000Z"),
   ("946684799999", "1999-12-31T23:59:59.999Z")],
  ["1234567890987", "1709251199001", "86400500", "1577836800000", "1656633599999"])

T("date-parse/mmddyyyy-compact", "Eight-digit MMDDYYYY dates to ISO.",
  lambda s: iso(dt.date(int(s[4:]), int(s[:2]), int(s[2:4]))),
  [("07042023", "2023-07-04"), ("12252022", "2022-12-25"), ("01312024", "2024-01-31")],
  ["02292020", "10101999", "06152021", "11302023", "03012000", "09051987"])


def dd_mon_yy(s):
    d, mon, y = s.split("-")
    return iso(dt.date(two_digit_year(int(y)), month_no(mon), int(d)))


T("date-parse/dd-mon-yy-upper", "Database dates like 04-JUL-23 to ISO.",
  dd_mon_yy,
  [("04-JUL-23", "2023-07-04"), ("15-MAR-24", "2024-03-15"), ("31-DEC-99", "1999-12-31")],
  ["01-JAN-00", "29-FEB-24", "10-OCT-10", "22-AUG-95", "07-JUN-18", "30-NOV-21"])


def long_with_weekday(s):
    m = re.fullmatch(r"(\w+), (\w+) (\d{1,2}), (\d{4})", s)
    d = dt.date(int(m.group(4)), month_no(m.group(2)), int(m.group(3)))
    assert DAYS[d.weekday()] == m.group(1), f"wrong weekday in {s}"
    return iso(d)


T("date-parse/long-date-with-weekday", "Long US dates with the weekday to ISO.",
  long_with_weekday,
  [("Tuesday, July 4, 2023", "2023-07-04"), ("Friday, March 15, 2024", "2024-03-15"),
   ("Sunday, December 31, 2023", "2023-12-31")],
  ["Saturday, January 1, 2000", "Thursday, February 29, 2024", "Monday, October 9, 2023",
   "Wednesday, June 5, 2019", "Friday, November 22, 1963", "Tuesday, August 31, 2021"])


def ordinal_day(s):
    m = re.fullmatch(r"(\d{1,2})(st|nd|rd|th) (\w+) (\d{4})", s)
    d = dt.date(int(m.group(4)), month_no(m.group(3)), int(m.group(1)))
    assert ordinal(d.day) == m.group(1) + m.group(2), f"wrong ordinal in {s}"
    return iso(d)


T("date-parse/ordinal-day-month-year", "Dates like '4th July 2023' to ISO.",
  ordinal_day,
  [("4th July 2023", "2023-07-04"), ("1st March 2024", "2024-03-01"),
   ("22nd November 2022", "2022-11-22")],
  ["3rd August 2021", "31st December 1999", "11th June 2020", "23rd May 2023",
   "12th February 2024", "2nd October 2019"])

T("date-parse/web-server-log", "Timestamp of a web-server access log line to 'YYYY-MM-DD HH:MM:SS'.",
  lambda s: dt.datetime.strptime(s, "[%d/%b/%Y:%H:%M:%S +0000]").strftime("%Y-%m-%d %H:%M:%S"),
  [("[04/Jul/2023:14:35:02 +0000]", "2023-07-04 14:35:02"),
   ("[15/Mar/2024:09:05:59 +0000]", "2024-03-15 09:05:59"),
   ("[31/Dec/2022:23:59:00 +0000]", "2022-12-31 23:59:00")],
  ["[01/Jan/2024:00:00:01 +0000]", "[29/Feb/2024:12:30:45 +0000]", "[18/Oct/2023:07:07:07 +0000]",
   "[09/Jun/2021:16:45:10 +0000]", "[22/Nov/2022:03:14:15 +0000]"])


def http_date_in(s):
    t = dt.datetime.strptime(s, "%a, %d %b %Y %H:%M:%S GMT")
    assert t.strftime("%a") == s[:3], f"wrong weekday in {s}"
    return t.strftime("%Y-%m-%dT%H:%M:%S")


T("date-parse/http-date", "HTTP / e-mail style GMT timestamps to ISO 8601 date-times.",
  http_date_in,
  [("Tue, 04 Jul 2023 14:35:02 GMT", "2023-07-04T14:35:02"),
   ("Fri, 15 Mar 2024 08:00:00 GMT", "2024-03-15T08:00:00"),
   ("Sun, 31 Dec 2023 23:59:59 GMT", "2023-12-31T23:59:59")],
  ["Mon, 01 Jan 2024 00:00:00 GMT", "Thu, 29 Feb 2024 12:34:56 GMT", "Wed, 11 Oct 2023 19:20:00 GMT",
   "Sat, 05 Aug 2023 06:07:08 GMT", "Tue, 22 Nov 2022 17:45:30 GMT"])

T("date-parse/month-year-to-first-day", "Month and year to the first day of that month, ISO.",
  lambda s: iso(dt.date(int(s.split()[1]), month_no(s.split()[0]), 1)),
  [("Jul 2023", "2023-07-01"), ("Dec 1999", "1999-12-01"), ("Mar 2024", "2024-03-01")],
  ["Jan 2000", "Feb 2024", "Oct 2021", "Jun 1987", "Sep 2030"])

T("date-parse/quarter-to-start-date", "Quarter label to the first day of the quarter.",
  lambda s: iso(dt.date(int(s[3:]), 3 * int(s[1]) - 2, 1)),
  [("Q3 2023", "2023-07-01"), ("Q1 2024", "2024-01-01"), ("Q4 2022", "2022-10-01")],
  ["Q2 2021", "Q4 1999", "Q1 2000", "Q3 2025", "Q2 2024"])

T("date-parse/iso-week-to-monday", "ISO week (YYYY-Www) to the date of its Monday.",
  lambda s: iso(dt.date.fromisocalendar(int(s[:4]), int(s[6:]), 1)),
  [("2023-W27", "2023-07-03"), ("2025-W01", "2024-12-30"), ("2021-W01", "2021-01-04")],
  ["2020-W53", "2026-W01", "2024-W09", "2022-W52", "2019-W01", "2023-W40"])

T("date-parse/ordinal-date", "Year and day-of-year (YYYY-DDD) to a calendar date.",
  lambda s: iso(dt.date(int(s[:4]), 1, 1) + dt.timedelta(days=int(s[5:]) - 1)),
  [("2023-185", "2023-07-04"), ("2024-060", "2024-02-29"), ("2023-001", "2023-01-01")],
  ["2023-365", "2024-366", "2022-100", "2020-250", "2021-032", "2000-060"])


def serial_with_time(s):
    days, minutes = divmod(D(s) * 1440, 1440)
    assert minutes == minutes.to_integral_value(), f"{s} is not a whole minute"
    t = dt.datetime.combine(EXCEL_EPOCH, dt.time()) + dt.timedelta(days=int(days), minutes=int(minutes))
    return t.strftime("%Y-%m-%d %H:%M")


T("date-parse/spreadsheet-serial-with-time", "Spreadsheet serial date-time (days since 1899-12-30, fraction = time of day) to 'YYYY-MM-DD HH:MM'.",
  serial_with_time,
  [("45111.75", "2023-07-04 18:00"), ("45000.5", "2023-03-15 12:00"),
   ("44927.3125", "2023-01-01 07:30")],
  ["45292.0625", "36526.375", "45351.6875", "44197.8125", "45000.40625", "43890.125"])

T("date-parse/compact-timestamp", "Fourteen-digit timestamps (YYYYMMDDHHMMSS) to 'YYYY-MM-DD HH:MM:SS'.",
  lambda s: dt.datetime.strptime(s, "%Y%m%d%H%M%S").strftime("%Y-%m-%d %H:%M:%S"),
  [("20230704143502", "2023-07-04 14:35:02"), ("20231231235959", "2023-12-31 23:59:59"),
   ("20240101000000", "2024-01-01 00:00:00")],
  ["20240229120000", "19991231180530", "20220615081509", "20231005220045", "20210101010101"])


def german_long(s):
    m = re.fullmatch(r"(\d{1,2})\. (\w+) (\d{4})", s)
    return iso(dt.date(int(m.group(3)), DE_MONTHS.index(m.group(2)) + 1, int(m.group(1))))


T("date-parse/german-long-date", "German written dates ('4. Juli 2023') to ISO.",
  german_long,
  [("4. Juli 2023", "2023-07-04"), ("15. März 2024", "2024-03-15"), ("1. Dezember 2022", "2022-12-01")],
  ["31. Oktober 2021", "9. Mai 2020", "28. Februar 2023", "17. Juni 2019", "3. Januar 2024",
   "24. August 1999"])

T("date-parse/month-day-year-dashes", "US MM-DD-YYYY dates to ISO.",
  lambda s: iso(dt.datetime.strptime(s, "%m-%d-%Y").date()),
  [("07-04-2023", "2023-07-04"), ("11-28-2022", "2022-11-28"), ("02-09-2024", "2024-02-09")],
  ["12-31-1999", "01-15-2020", "06-30-2021", "10-05-2023", "02-29-2024", "08-13-2018"])

# ==============================================================================================
# date-format
# ==============================================================================================
T("date-format/long-with-ordinal", "ISO date as 'Month Dth, YYYY' with an English ordinal day.",
  lambda s: f"{MONTHS[date(s).month - 1]} {ordinal(date(s).day)}, {date(s).year}",
  [("2023-07-04", "July 4th, 2023"), ("2024-03-01", "March 1st, 2024"),
   ("2022-11-22", "November 22nd, 2022")],
  ["2021-08-21", "2020-02-02", "2019-10-31", "2023-05-17", "2024-09-09", "2022-12-28"])

T("date-format/weekday-day-month", "ISO date as short weekday, day and short month ('Tue 4 Jul').",
  lambda s: f"{DAYS[date(s).weekday()][:3]} {date(s).day} {MON[date(s).month - 1]}",
  [("2023-07-04", "Tue 4 Jul"), ("2024-03-15", "Fri 15 Mar"), ("2023-12-31", "Sun 31 Dec")],
  ["2024-02-29", "2023-01-09", "2022-10-01", "2025-06-18", "2023-11-25", "2024-08-06"])

T("date-format/british-long-with-weekday", "ISO date written out British style with the weekday.",
  lambda s: f"{DAYS[date(s).weekday()]}, {date(s).day} {MONTHS[date(s).month - 1]} {date(s).year}",
  [("2023-07-04", "Tuesday, 4 July 2023"), ("2024-02-29", "Thursday, 29 February 2024"),
   ("2022-12-25", "Sunday, 25 December 2022")],
  ["2000-01-01", "2023-10-16", "2021-05-05", "2019-08-30", "2024-11-11"])

T("date-format/iso-week", "ISO 8601 week of a date (YYYY-Www), with the week-based year.",
  lambda s: "{0}-W{1:02d}".format(*date(s).isocalendar()),
  [("2023-07-04", "2023-W27"), ("2024-01-02", "2024-W01"), ("2021-01-02", "2020-W53")],
  ["2024-12-30", "2023-01-01", "2020-03-09", "2022-06-15", "2019-12-31", "2023-10-16"])

T("date-format/calendar-quarter", "Calendar quarter and year of a date ('Q3 2023').",
  lambda s: f"Q{(date(s).month + 2) // 3} {date(s).year}",
  [("2023-07-04", "Q3 2023"), ("2024-02-29", "Q1 2024"), ("2022-12-01", "Q4 2022")],
  ["2021-04-01", "2020-09-30", "2019-03-31", "2023-10-01", "2022-06-30", "2025-05-17"])

T("date-format/fiscal-year-july", "Fiscal year starting 1 July, named after the year it ends in.",
  lambda s: f"FY{date(s).year + (date(s).month >= 7)}",
  [("2023-07-04", "FY2024"), ("2023-06-30", "FY2023"), ("2024-01-15", "FY2024")],
  ["2022-07-01", "2021-12-31", "2020-05-20", "2024-08-09", "2019-06-01"])

T("date-format/fiscal-quarter-july", "Fiscal year (from 1 July, named by its end year) and fiscal quarter.",
  lambda s: f"FY{(date(s).year + (date(s).month >= 7)) % 100:02d} Q{(date(s).month - 7) % 12 // 3 + 1}",
  [("2023-07-04", "FY24 Q1"), ("2024-03-15", "FY24 Q3"), ("2023-06-30", "FY23 Q4")],
  ["2023-10-01", "2022-01-31", "2024-12-25", "2021-05-05", "2020-08-20", "2009-11-30"])

T("date-format/day-of-year", "Day number within the year (1 to 366).",
  lambda s: str(date(s).timetuple().tm_yday),
  [("2023-07-04", "185"), ("2024-03-01", "61"), ("2023-01-09", "9")],
  ["2023-12-31", "2024-12-31", "2022-02-28", "2020-10-15", "2021-03-01", "2024-02-29"])

T("date-format/us-date-to-year-month", "US M/D/YYYY date to year and month (YYYY-MM).",
  lambda s: dt.datetime.strptime(s, "%m/%d/%Y").strftime("%Y-%m"),
  [("7/4/2023", "2023-07"), ("12/25/2022", "2022-12"), ("3/15/2024", "2024-03")],
  ["1/1/2000", "11/30/2021", "6/9/2019", "10/31/2023", "2/29/2024"])

T("date-format/mmm-yy", "German DD.MM.YYYY date to a short month and two-digit year ('Jul-23').",
  lambda s: (lambda d: f"{MON[d.month - 1]}-{d:%y}")(dt.datetime.strptime(s, "%d.%m.%Y")),
  [("04.07.2023", "Jul-23"), ("15.11.2022", "Nov-22"), ("31.01.2009", "Jan-09")],
  ["29.02.2024", "01.10.1999", "12.06.2021", "25.12.2000", "08.03.2015", "30.09.2030"])


def week_of_month_floor(s):
    return f"Week {date(s).day // 7 + 1}"


def week_of_month_calendar(first_weekday):
    def f(s):
        d = date(s)
        lead = (d.replace(day=1).weekday() - first_weekday) % 7
        return f"Week {(d.day + lead - 1) // 7 + 1}"
    return f


T("date-format/week-of-month", "Week of the month, counting days 1-7 as week 1, 8-14 as week 2, and so on.",
  lambda s: f"Week {(date(s).day + 6) // 7}",
  [("2023-07-04", "Week 1"), ("2023-07-14", "Week 2"), ("2024-02-29", "Week 5")],
  ["2023-07-07", "2023-07-08", "2023-10-28", "2023-12-31", "2024-01-21", "2024-06-15"],
  alts=(week_of_month_floor, week_of_month_calendar(0), week_of_month_calendar(6)))

T("date-format/us-short-date", "ISO date to US M/D/YY without leading zeros on month and day.",
  lambda s: f"{date(s).month}/{date(s).day}/{date(s).year % 100:02d}",
  [("2023-07-04", "7/4/23"), ("2024-12-25", "12/25/24"), ("2009-01-15", "1/15/09")],
  ["2000-02-29", "1999-10-01", "2021-06-30", "2023-11-09", "2015-03-17"])

T("date-format/dd-mon-yyyy-upper", "ISO date as DD-MON-YYYY with an upper-case month abbreviation.",
  lambda s: f"{date(s).day:02d}-{MON[date(s).month - 1].upper()}-{date(s).year}",
  [("2023-07-04", "04-JUL-2023"), ("2024-11-15", "15-NOV-2024"), ("2022-02-09", "09-FEB-2022")],
  ["2000-01-01", "2021-08-31", "2019-06-20", "2024-02-29", "2023-10-05"])

T("date-format/spreadsheet-serial", "ISO date to its spreadsheet serial number (1900 date system).",
  lambda s: str((date(s) - EXCEL_EPOCH).days),
  [("2023-07-04", "45111"), ("2000-01-01", "36526"), ("2024-02-29", "45351")],
  ["1970-01-01", "2023-12-31", "1999-12-31", "2025-06-15", "1985-10-26", "2020-01-01"])

T("date-format/unix-seconds", "UTC date and time to a Unix timestamp in seconds.",
  lambda s: str(int(dt.datetime.strptime(s, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC).timestamp())),
  [("2023-07-04 00:00:00", "1688428800"), ("1970-01-02 00:00:00", "86400"),
   ("2000-01-01 12:30:00", "946729800")],
  ["2009-02-13 23:31:30", "2024-02-29 23:59:59", "1999-12-31 23:59:59", "2038-01-19 03:14:07",
   "2023-11-14 22:13:20"])

T("date-format/french-long-date", "ISO date written out in French with the weekday, all lower case.",
  lambda s: f"{FR_DAYS[date(s).weekday()]} {date(s).day} {FR_MONTHS[date(s).month - 1]} {date(s).year}",
  [("2023-07-04", "mardi 4 juillet 2023"), ("2024-03-15", "vendredi 15 mars 2024"),
   ("2022-12-25", "dimanche 25 décembre 2022")],
  ["2024-02-29", "2023-08-15", "2021-11-11", "2020-05-08", "2019-01-21", "2023-09-30"])

T("date-format/us-date-to-compact", "US M/D/YYYY date to compact YYYYMMDD (for file names).",
  lambda s: dt.datetime.strptime(s, "%m/%d/%Y").strftime("%Y%m%d"),
  [("7/4/2023", "20230704"), ("12/25/2022", "20221225"), ("1/31/2024", "20240131")],
  ["2/29/2020", "10/1/1999", "6/15/2021", "11/9/2023", "3/3/2003"])

T("date-format/weekday-from-day-month-year", "Weekday name of a DD/MM/YYYY date.",
  lambda s: DAYS[dt.datetime.strptime(s, "%d/%m/%Y").weekday()],
  [("15/03/2024", "Friday"), ("04/07/2023", "Tuesday"), ("25/12/2023", "Monday")],
  ["01/01/2000", "29/02/2024", "11/09/2001", "31/10/2022", "06/06/1944", "20/07/1969"],
  alts=(lambda s: DAYS[dt.datetime.strptime(s, "%m/%d/%Y").weekday()],))

T("date-format/half-year", "Half-year label of a date ('H2 2023').",
  lambda s: f"H{1 + (date(s).month > 6)} {date(s).year}",
  [("2023-07-04", "H2 2023"), ("2024-06-30", "H1 2024"), ("2022-01-15", "H1 2022")],
  ["2021-12-31", "2020-07-01", "2019-03-03", "2025-10-10", "2023-06-01"])

T("date-format/iso-week-date", "ISO 8601 week date (YYYY-Www-D, Monday = 1).",
  lambda s: "{0}-W{1:02d}-{2}".format(*date(s).isocalendar()),
  [("2023-07-04", "2023-W27-2"), ("2021-01-03", "2020-W53-7"), ("2024-12-30", "2025-W01-1")],
  ["2024-02-29", "2023-01-01", "2022-06-15", "2019-12-30", "2023-10-21"])

def http_date_out(s):
    t = dt.datetime.strptime(s, "%Y-%m-%d %H:%M:%S")
    return f"{DAYS[t.weekday()][:3]}, {t.day:02d} {MON[t.month - 1]} {t:%Y %H:%M:%S} GMT"


T("date-format/http-date", "UTC date-time as an HTTP date header value.",
  http_date_out,
  [("2023-07-04 14:35:02", "Tue, 04 Jul 2023 14:35:02 GMT"),
   ("2024-02-29 09:05:00", "Thu, 29 Feb 2024 09:05:00 GMT"),
   ("2022-12-25 23:59:59", "Sun, 25 Dec 2022 23:59:59 GMT")],
  ["2000-01-01 00:00:00", "2023-10-16 12:30:45", "2021-06-08 07:00:01", "2024-08-31 18:18:18",
   "2019-03-11 23:00:00"])


def academic_year(s):
    d = date(s)
    start = d.year if (d.month, d.day) >= (9, 1) else d.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


T("date-format/academic-year", "School year starting 1 September, written '2023/24'.",
  academic_year,
  [("2023-09-04", "2023/24"), ("2023-08-28", "2022/23"), ("2024-01-10", "2023/24")],
  ["2019-12-24", "2020-10-05", "2021-06-30", "2009-10-01", "2024-05-20", "2022-11-11"])

# ==============================================================================================
# time
# ==============================================================================================
T("time/12h-to-24h", "12-hour clock time with AM/PM to 24-hour HH:MM.",
  lambda s: "{:02d}:{:02d}".format(*clock12(s)),
  [("3:00 PM", "15:00"), ("9:45 AM", "09:45"), ("12:30 AM", "00:30")],
  ["11:59 PM", "1:05 AM", "6:30 PM", "12:10 AM", "10:00 AM", "7:15 PM"])

T("time/12h-to-military", "12-hour clock time with AM/PM to four-digit military time.",
  lambda s: "{:02d}{:02d}".format(*clock12(s)),
  [("4:30 PM", "1630"), ("12:15 PM", "1215"), ("7:05 AM", "0705")],
  ["11:45 PM", "9:00 AM", "1:20 PM", "12:50 PM", "10:10 AM", "6:00 PM"])

T("time/24h-to-12h", "24-hour HH:MM to 12-hour time with AM/PM.",
  lambda s: h12(int(s[:2]), int(s[3:])),
  [("15:00", "3:00 PM"), ("09:45", "9:45 AM"), ("00:30", "12:30 AM")],
  ["23:59", "01:05", "18:30", "10:00", "07:15", "20:40"])

T("time/drop-seconds", "Drop the seconds of an HH:MM:SS time (no rounding).",
  lambda s: s[:5],
  [("14:35:02", "14:35"), ("09:07:59", "09:07"), ("23:59:30", "23:59")],
  ["00:00:01", "12:30:45", "18:05:00", "07:59:59", "16:20:31"])

T("time/two-hour-bucket", "Two-hour bucket (starting at even hours) that a time falls in.",
  lambda s: f"{h12(int(s[:2]) // 2 * 2)}-{h12(int(s[:2]) // 2 * 2 + 2)}",
  [("10:15", "10AM-12PM"), ("13:40", "12PM-2PM"), ("07:05", "6AM-8AM")],
  ["11:59", "08:00", "15:20", "19:45", "16:00", "03:10"])


def clock_round(s, step_minutes):
    minutes = int(R(int(s[:2]) * 60 + int(s[3:5]) + D(s[6:8] or 0) / 60, step_minutes))
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


T("time/round-to-quarter-hour", "Round a clock time to the nearest quarter hour.",
  lambda s: clock_round(s, 15),
  [("10:07", "10:00"), ("10:08", "10:15"), ("14:53", "15:00")],
  ["09:22", "09:23", "16:37", "12:38", "07:59", "18:00"])

T("time/floor-to-five-minutes", "Round a log time down to its five-minute interval, dropping seconds.",
  lambda s: clock_round(s, 5),
  [("14:37:12", "14:35"), ("09:04:59", "09:00"), ("23:58:01", "23:55")],
  ["12:00:00", "17:44:59", "06:15:30", "20:29:59", "08:51:00"], mode=ROUND_FLOOR)

T("time/minutes-to-hhmmss", "A number of minutes as HH:MM:SS.",
  lambda s: f"{int(s) // 60:02d}:{int(s) % 60:02d}:00",
  [("150", "02:30:00"), ("45", "00:45:00"), ("1439", "23:59:00")],
  ["5", "61", "600", "1000", "90", "720"])

T("time/seconds-to-hours-minutes", "A number of seconds as 'Hh MMm' (leftover seconds dropped).",
  lambda s: f"{int(s) // 3600}h {int(s) % 3600 // 60:02d}m",
  [("3725", "1h 02m"), ("5399", "1h 29m"), ("600", "0h 10m")],
  ["86399", "7200", "90", "36061", "50000", "45000"])

T("time/hhmmss-to-seconds", "HH:MM:SS duration to a number of seconds.",
  lambda s: str(int(s[:2]) * 3600 + int(s[3:5]) * 60 + int(s[6:])),
  [("01:02:05", "3725"), ("00:00:45", "45"), ("10:00:00", "36000")],
  ["23:59:59", "00:01:00", "02:30:15", "12:00:01", "00:10:10"])


def minutes_of(s):
    h, m = s.split(":")
    return int(h) * 60 + int(m)


T("time/add-durations", "Sum of two H:MM durations.",
  lambda a, b: hm(minutes_of(a) + minutes_of(b)),
  [(("1:45", "0:30"), "2:15"), (("2:50", "3:25"), "6:15"), (("0:05", "0:10"), "0:15")],
  [("4:20", "1:40"), ("0:59", "0:01"), ("7:35", "2:35"), ("3:00", "0:45"), ("10:30", "5:45")],
  tags=("multi-column",))

T("time/shift-length", "Length of a shift from start and end clock times, also across midnight.",
  lambda a, b: hm((minutes_of(b) - minutes_of(a)) % 1440),
  [(("09:00", "17:30"), "8:30"), (("22:00", "06:15"), "8:15"), (("08:45", "12:10"), "3:25")],
  [("07:00", "15:00"), ("23:30", "07:45"), ("13:15", "21:50"), ("18:00", "02:30"),
   ("06:05", "14:00"), ("20:00", "23:59")], tags=("multi-column",))


def decimal_hours_to_hm(s):
    minutes = D(s) * 60
    assert minutes == int(minutes)
    return hm(int(minutes))


T("time/decimal-hours-to-hmm", "Decimal hours to H:MM.",
  decimal_hours_to_hm,
  [("7.5", "7:30"), ("1.25", "1:15"), ("0.1", "0:06")],
  ["8.75", "2.05", "0.5", "3.2", "12.4", "10.15"])

T("time/hmm-to-decimal-hours", "H:MM to decimal hours with two decimals.",
  lambda s: show(R(D(minutes_of(s)) / 60, "0.01"), 2),
  [("7:30", "7.50"), ("0:40", "0.67"), ("2:20", "2.33")],
  ["8:00", "1:15", "0:05", "10:50", "3:45", "0:01"])

T("time/military-to-12h", "Four-digit military time to 12-hour time with AM/PM.",
  lambda s: h12(int(s[:2]), int(s[2:])),
  [("1630", "4:30 PM"), ("0905", "9:05 AM"), ("2145", "9:45 PM")],
  ["0700", "1315", "2359", "1000", "1805", "0130"])


def iso_duration_minutes(s):
    m = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?", s)
    return str(int(m.group(1) or 0) * 60 + int(m.group(2) or 0))


T("time/iso-duration-to-minutes", "ISO 8601 duration (PT#H#M) to a number of minutes.",
  iso_duration_minutes,
  [("PT1H30M", "90"), ("PT45M", "45"), ("PT2H", "120")],
  ["PT3H15M", "PT10M", "PT1H", "PT12H5M", "PT8H", "PT24H"])

T("time/add-minutes-to-time", "Clock time plus a number of minutes, wrapping past midnight.",
  lambda t, n: "{0:02d}:{1:02d}".format(*divmod((minutes_of(t) + int(n)) % 1440, 60)),
  [(("09:40", "35"), "10:15"), (("14:50", "95"), "16:25"), (("23:30", "45"), "00:15")],
  [("08:00", "90"), ("11:59", "1"), ("22:10", "150"), ("06:45", "15"), ("17:20", "200"),
   ("00:05", "60")], tags=("multi-column",))


def lap_time(s):
    minutes, seconds = divmod(D(s), 60)
    return f"{minutes}:{show(seconds, 3).zfill(6)}"


T("time/seconds-to-lap-time", "Seconds with decimals to a lap time M:SS.mmm.",
  lap_time,
  [("83.456", "1:23.456"), ("59.9", "0:59.900"), ("125.07", "2:05.070")],
  ["600.001", "61.5", "3599.999", "9.81", "75.25", "1234.5"])

T("time/timestamp-to-hour", "Start of the hour of a log timestamp, as HH:00.",
  lambda s: s[11:13] + ":00",
  [("2023-07-04 14:35:02", "14:00"), ("2023-07-05 09:59:59", "09:00"),
   ("2023-07-05 00:12:00", "00:00")],
  ["2023-07-05 23:59:59", "2024-02-29 12:00:00", "2023-12-31 07:30:15", "2023-08-01 18:01:00",
   "2023-07-06 03:45:30"])

T("time/short-am-pm-to-24h", "Hours like '3pm' to 24-hour HH:00.",
  lambda s: "{:02d}:{:02d}".format(*clock12(s)),
  [("3pm", "15:00"), ("9am", "09:00"), ("12pm", "12:00")],
  ["11am", "7pm", "1pm", "10am", "6pm", "11pm"])

T("time/seconds-to-minutes-seconds", "Video length in seconds as M:SS (minutes not capped at 60).",
  lambda s: f"{int(s) // 60}:{int(s) % 60:02d}",
  [("215", "3:35"), ("59", "0:59"), ("3600", "60:00")],
  ["61", "600", "5", "4999", "1800", "754"])

# ==============================================================================================
# datetime-tz
# ==============================================================================================


def parse_offset_time(s):
    """'2023-07-04 23:30 +02:00' -> aware datetime."""
    day, clock, off = s.split()
    return dt.datetime.strptime(f"{day} {clock}", "%Y-%m-%d %H:%M").replace(tzinfo=offset(off))


T("datetime-tz/offset-to-utc", "Local time with a UTC offset converted to UTC, rolling the date over midnight.",
  lambda s: parse_offset_time(s).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC"),
  [("2023-07-04 23:30 +02:00", "2023-07-04 21:30 UTC"), ("2023-07-04 01:15 +05:30", "2023-07-03 19:45 UTC"),
   ("2023-12-31 20:00 -05:00", "2024-01-01 01:00 UTC")],
  ["2024-02-29 23:45 -03:00", "2023-03-01 00:30 +01:00", "2023-10-15 12:00 +09:00",
   "2024-01-01 05:00 +10:00", "2023-06-30 18:20 -07:00", "2023-08-08 08:08 +00:00"])

T("datetime-tz/iso-offset-to-zulu", "ISO 8601 time with an offset converted to UTC ('Z').",
  lambda s: dt.datetime.fromisoformat(s).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
  [("2023-07-04T22:15:00-05:00", "2023-07-05T03:15:00Z"), ("2023-07-04T09:00:00+02:00", "2023-07-04T07:00:00Z"),
   ("2024-01-01T03:30:00+05:30", "2023-12-31T22:00:00Z")],
  ["2023-11-30T20:45:10-08:00", "2024-03-01T00:05:00+01:00", "2023-05-15T12:00:00-03:00",
   "2022-12-31T23:59:59-01:00", "2023-09-09T06:30:00+09:30", "2024-02-28T21:00:00-04:00"])

T("datetime-tz/utc-to-offset", "UTC time shifted to the local time of the given offset.",
  lambda t, off: dt.datetime.strptime(t, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)
  .astimezone(offset(off)).strftime("%Y-%m-%d %H:%M"),
  [(("2023-07-04 21:30", "+02:00"), "2023-07-04 23:30"), (("2023-07-04 21:30", "-07:00"), "2023-07-04 14:30"),
   (("2023-12-31 22:00", "+05:30"), "2024-01-01 03:30")],
  [("2023-07-04 23:00", "+03:00"), ("2024-03-01 02:00", "-05:00"), ("2023-10-10 10:10", "+09:00"),
   ("2023-01-01 00:30", "-01:00"), ("2024-02-28 20:15", "+05:45"), ("2023-06-15 12:00", "-10:00")],
  tags=("multi-column",))


def utc_in(zone, fmt_in):
    def f(s):
        t = dt.datetime.strptime(s, fmt_in).replace(tzinfo=UTC)
        local = in_zone(t, zone)
        return local.strftime("%Y-%m-%d %H:%M ") + local.tzname()
    return f


T("datetime-tz/utc-to-new-york", "UTC time to New York local time with EDT or EST.",
  utc_in("America/New_York", "%Y-%m-%d %H:%M UTC"),
  [("2023-07-04 14:00 UTC", "2023-07-04 10:00 EDT"), ("2023-01-15 14:00 UTC", "2023-01-15 09:00 EST"),
   ("2023-03-01 02:30 UTC", "2023-02-28 21:30 EST")],
  ["2023-11-20 04:00 UTC", "2024-06-01 00:30 UTC", "2023-12-25 17:00 UTC", "2024-08-15 03:59 UTC",
   "2023-09-10 12:00 UTC", "2024-02-29 04:59 UTC"])

T("datetime-tz/utc-to-berlin", "UTC time (Z) to Berlin local time with CEST or CET.",
  utc_in("Europe/Berlin", "%Y-%m-%dT%H:%M:%SZ"),
  [("2023-07-04T12:00:00Z", "2023-07-04 14:00 CEST"), ("2023-01-10T23:30:00Z", "2023-01-11 00:30 CET"),
   ("2023-10-01T22:15:00Z", "2023-10-02 00:15 CEST")],
  ["2023-12-31T23:00:00Z", "2024-05-20T08:45:00Z", "2023-02-28T23:59:00Z", "2024-08-31T22:30:00Z",
   "2023-11-11T11:11:00Z"])

T("datetime-tz/utc-to-london", "UTC time (Z) to London local time with BST or GMT.",
  utc_in("Europe/London", "%Y-%m-%dT%H:%M:%SZ"),
  [("2023-07-04T12:00:00Z", "2023-07-04 13:00 BST"), ("2023-01-04T12:00:00Z", "2023-01-04 12:00 GMT"),
   ("2023-06-30T23:30:00Z", "2023-07-01 00:30 BST")],
  ["2023-12-31T23:30:00Z", "2024-08-15T07:45:00Z", "2024-02-29T18:00:00Z", "2023-05-31T23:10:00Z",
   "2023-11-20T09:00:00Z"])

T("datetime-tz/tokyo-to-utc", "Tokyo time (JST, UTC+9) to UTC.",
  lambda s: (dt.datetime.strptime(s, "%Y-%m-%d %H:%M JST") - dt.timedelta(hours=9)).strftime("%Y-%m-%d %H:%M UTC"),
  [("2023-07-04 08:30 JST", "2023-07-03 23:30 UTC"), ("2023-07-04 18:00 JST", "2023-07-04 09:00 UTC"),
   ("2024-01-01 05:15 JST", "2023-12-31 20:15 UTC")],
  ["2024-03-01 02:00 JST", "2023-10-10 09:00 JST", "2023-05-05 23:59 JST", "2024-02-29 08:59 JST",
   "2023-01-01 00:00 JST"])

T("datetime-tz/unix-to-india", "Unix timestamp in seconds to India Standard Time (UTC+05:30).",
  lambda s: in_zone(dt.datetime.fromtimestamp(int(s), UTC), "Asia/Kolkata").strftime("%Y-%m-%d %H:%M:%S IST"),
  [("1688481296", "2023-07-04 20:04:56 IST"), ("1700000000", "2023-11-15 03:43:20 IST"),
   ("946684799", "2000-01-01 05:29:59 IST")],
  ["1234567890", "1709251199", "1672511400", "1718000000", "1696118399"])


def flight_arrival(dep, duration, arr_offset):
    t = parse_offset_time(dep) + dt.timedelta(minutes=minutes_of(duration))
    local = t.astimezone(offset(arr_offset))
    return local.strftime("%Y-%m-%d %H:%M ") + fmt_offset(local)


T("datetime-tz/flight-arrival", "Local arrival time from departure time with offset, flight duration and arrival offset.",
  flight_arrival,
  [(("2023-07-04 18:05 -04:00", "7:20", "+01:00"), "2023-07-05 06:25 +01:00"),
   (("2023-07-10 09:30 +01:00", "8:05", "-07:00"), "2023-07-10 09:35 -07:00"),
   (("2023-12-20 23:50 +08:00", "13:15", "+01:00"), "2023-12-21 06:05 +01:00")],
  [("2023-08-01 22:40 +02:00", "2:55", "+00:00"), ("2024-01-15 10:00 -05:00", "5:45", "-08:00"),
   ("2023-11-03 21:15 +09:00", "11:50", "+01:00"), ("2024-02-28 16:30 -03:00", "10:20", "+01:00"),
   ("2023-09-30 07:00 +05:30", "4:10", "+04:00")], tags=("multi-column",))

T("datetime-tz/utc-to-bogota", "UTC timestamp (Z) to Colombia time with its -05:00 offset.",
  lambda s: in_zone(dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC), "America/Bogota")
  .isoformat(),
  [("2023-07-04T03:15:00Z", "2023-07-03T22:15:00-05:00"), ("2023-07-04T18:40:00Z", "2023-07-04T13:40:00-05:00"),
   ("2024-01-01T04:59:59Z", "2023-12-31T23:59:59-05:00")],
  ["2024-03-01T02:00:00Z", "2023-10-31T12:34:56Z", "2023-01-01T05:00:00Z", "2024-02-29T23:15:00Z",
   "2023-06-15T00:00:01Z"])

T("datetime-tz/utc-to-sydney", "UTC time to Sydney local time with AEST or AEDT.",
  utc_in("Australia/Sydney", "%Y-%m-%d %H:%M UTC"),
  [("2023-07-04 02:00 UTC", "2023-07-04 12:00 AEST"), ("2023-12-25 02:00 UTC", "2023-12-25 13:00 AEDT"),
   ("2023-07-04 15:30 UTC", "2023-07-05 01:30 AEST")],
  ["2024-01-31 13:00 UTC", "2023-06-30 14:00 UTC", "2023-11-11 23:45 UTC", "2024-02-29 12:59 UTC",
   "2023-08-20 09:30 UTC"])

T("datetime-tz/basic-format-to-utc", "Compact ISO 8601 time with offset (YYYYMMDDTHHMMSS+hhmm) to UTC (Z).",
  lambda s: dt.datetime.strptime(s, "%Y%m%dT%H%M%S%z").astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"),
  [("20230704T233000+0200", "20230704T213000Z"), ("20230704T011500+0530", "20230703T194500Z"),
   ("20231231T200000-0500", "20240101T010000Z")],
  ["20240229T221530-0300", "20230301T003000+0100", "20231015T120000+0900", "20230630T184500-0700",
   "20230808T080808+0000"])


def gmt_label(s):
    day, clock, label = s.split()
    t = dt.datetime.strptime(f"{day} {clock}", "%Y-%m-%d %H:%M").replace(tzinfo=offset(label[3:]))
    return t.isoformat()


T("datetime-tz/gmt-label-to-iso-offset", "Time with a 'GMT+h' label to ISO 8601 with a ±hh:mm offset.",
  gmt_label,
  [("2023-07-04 23:30 GMT+2", "2023-07-04T23:30:00+02:00"), ("2023-07-04 08:15 GMT-5", "2023-07-04T08:15:00-05:00"),
   ("2023-07-04 14:00 GMT+5:30", "2023-07-04T14:00:00+05:30")],
  ["2024-01-15 09:00 GMT+10", "2023-11-02 17:45 GMT-3", "2024-02-29 06:30 GMT+9:30",
   "2023-12-31 23:59 GMT-11", "2023-08-20 12:00 GMT+12"])

T("datetime-tz/zone-name-to-utc", "Local time in a named IANA time zone to UTC (daylight saving applied).",
  lambda t, zone: local_in_zone(dt.datetime.strptime(t, "%Y-%m-%d %H:%M"), zone)
  .astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC"),
  [(("2023-07-04 09:00", "America/New_York"), "2023-07-04 13:00 UTC"),
   (("2023-01-10 09:00", "America/New_York"), "2023-01-10 14:00 UTC"),
   (("2023-07-04 18:30", "Asia/Kolkata"), "2023-07-04 13:00 UTC")],
  [("2023-12-01 22:30", "America/New_York"), ("2024-06-15 20:00", "America/New_York"),
   ("2024-01-01 03:00", "Asia/Kolkata"), ("2023-10-20 00:15", "Asia/Kolkata"),
   ("2024-02-29 19:45", "America/New_York"), ("2023-08-08 05:29", "Asia/Kolkata")],
  tags=("multi-column",))

ABBREV = {"PDT": "-07:00", "EST": "-05:00", "CET": "+01:00"}
T("datetime-tz/abbreviation-to-utc", "Time with a zone abbreviation (PDT, EST, CET) to UTC in ISO form.",
  lambda s: parse_offset_time(s[:-3] + ABBREV[s[-3:]]).astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ"),
  [("2023-07-04 10:00 PDT", "2023-07-04T17:00Z"), ("2023-11-20 22:30 EST", "2023-11-21T03:30Z"),
   ("2023-02-14 08:15 CET", "2023-02-14T07:15Z")],
  ["2023-08-31 20:00 PDT", "2024-01-05 09:45 EST", "2023-12-01 00:30 CET", "2024-06-10 18:20 PDT",
   "2024-02-29 21:00 EST", "2023-01-01 00:00 CET"])

T("datetime-tz/to-tokyo", "Local time with an offset to Tokyo time (JST, UTC+9).",
  lambda s: (parse_offset_time(s).astimezone(UTC).replace(tzinfo=None) + dt.timedelta(hours=9))
  .strftime("%Y-%m-%d %H:%M JST"),
  [("2023-07-04 09:00 -07:00", "2023-07-05 01:00 JST"), ("2023-07-04 09:00 +02:00", "2023-07-04 16:00 JST"),
   ("2023-12-31 14:30 +00:00", "2023-12-31 23:30 JST")],
  ["2023-12-31 15:00 +00:00", "2024-02-28 20:00 -05:00", "2023-10-01 08:45 +05:30",
   "2023-05-20 23:10 +01:00", "2024-03-15 06:00 -04:00"])

# ==============================================================================================
# date-arith
# ==============================================================================================


def plus_days(n):
    return lambda s: iso(date(s) + dt.timedelta(days=n))


T("date-arith/add-30-days", "Date 30 days later.",
  plus_days(30),
  [("2023-07-04", "2023-08-03"), ("2023-12-15", "2024-01-14"), ("2024-02-10", "2024-03-11")],
  ["2023-01-31", "2023-02-15", "2024-12-31", "2022-06-01", "2023-10-20", "2020-01-30"])

T("date-arith/invoice-due-date", "Invoice date plus payment terms in days.",
  lambda s, n: iso(date(s) + dt.timedelta(days=int(n))),
  [(("2023-07-04", "45"), "2023-08-18"), (("2023-12-20", "30"), "2024-01-19"),
   (("2024-02-25", "7"), "2024-03-03")],
  [("2023-01-15", "60"), ("2023-02-22", "14"), ("2024-11-30", "90"), ("2023-06-30", "1"),
   ("2022-12-31", "365"), ("2024-02-01", "28")], tags=("multi-column",))


def sticky_add_months(n):
    """Wrong reading of 'add months': a month-end date stays at month end."""
    def f(s, k=None):
        d, k = date(s), (n if k is None else int(k))
        r = add_months(d, k)
        return iso(month_end(r) if d == month_end(d) else r)
    return f


T("date-arith/add-one-month", "Same day one month later, clamped to the last day of a shorter month.",
  lambda s: iso(add_months(date(s), 1)),
  [("2023-07-04", "2023-08-04"), ("2023-01-31", "2023-02-28"), ("2024-01-30", "2024-02-29")],
  ["2023-12-15", "2023-03-31", "2024-01-31", "2023-08-31", "2022-05-31", "2023-10-31", "2023-02-14"],
  alts=(sticky_add_months(1), plus_days(30), plus_days(31)))

T("date-arith/add-months", "Date plus a number of months, clamped to the last day of a shorter month.",
  lambda s, n: iso(add_months(date(s), int(n))),
  [(("2023-07-04", "3"), "2023-10-04"), (("2023-11-30", "3"), "2024-02-29"), (("2023-08-31", "1"), "2023-09-30")],
  [("2023-01-15", "12"), ("2024-01-31", "1"), ("2022-10-31", "4"), ("2023-05-20", "18"),
   ("2023-12-31", "6"), ("2024-03-10", "9")],
  alts=(sticky_add_months(None),), tags=("multi-column",))

T("date-arith/two-weeks-earlier", "Date two weeks before.",
  plus_days(-14),
  [("2023-07-04", "2023-06-20"), ("2024-03-05", "2024-02-20"), ("2023-01-10", "2022-12-27")],
  ["2023-03-01", "2024-03-13", "2023-12-25", "2025-01-01", "2023-08-14"])

T("date-arith/days-between", "Number of days from the first date to the second.",
  lambda a, b: str((date(b) - date(a)).days),
  [(("2023-07-04", "2023-07-20"), "16"), (("2023-12-25", "2024-01-05"), "11"), (("2024-02-01", "2024-03-01"), "29")],
  [("2023-01-01", "2023-12-31"), ("2020-02-28", "2020-03-01"), ("2023-07-04", "2023-07-05"),
   ("2019-06-15", "2024-06-15"), ("2023-03-01", "2023-03-31"), ("2022-11-30", "2023-02-01")],
  tags=("multi-column",))


def age(birth, on):
    b, d = date(birth), date(on)
    return str(d.year - b.year - ((d.month, d.day) < (b.month, b.day)))


T("date-arith/age-on-date", "Age in whole years of someone born on the first date, on the second date.",
  age,
  [(("1985-03-15", "2023-07-04"), "38"), (("1990-07-05", "2023-07-04"), "32"), (("2001-07-04", "2023-07-04"), "22")],
  [("1970-01-01", "2023-07-04"), ("2000-12-31", "2024-01-01"), ("1999-07-03", "2023-07-04"),
   ("1964-11-20", "2023-11-19"), ("2010-02-28", "2024-02-29"), ("1988-08-08", "2023-08-08")],
  alts=(lambda a, b: str(int((date(b) - date(a)).days / D("365.25"))),
        lambda a, b: str((date(b) - date(a)).days // 365),
        lambda a, b: str(date(b).year - date(a).year)), tags=("multi-column",))

T("date-arith/end-of-month", "Last day of the date's month.",
  lambda s: iso(month_end(date(s))),
  [("2023-07-04", "2023-07-31"), ("2024-02-10", "2024-02-29"), ("2023-04-30", "2023-04-30")],
  ["2023-02-01", "2023-11-15", "2000-02-10", "2023-12-31", "2022-06-06", "2024-09-01"])

T("date-arith/start-of-week", "Monday of the date's week (weeks start on Monday).",
  lambda s: iso(date(s) - dt.timedelta(days=date(s).weekday())),
  [("2023-07-06", "2023-07-03"), ("2023-07-09", "2023-07-03"), ("2024-01-01", "2024-01-01")],
  ["2024-03-01", "2023-01-01", "2023-12-31", "2024-02-29", "2023-10-17", "2025-01-04"])

T("date-arith/next-monday", "The next Monday strictly after the date.",
  lambda s: iso(date(s) + dt.timedelta(days=7 - date(s).weekday())),
  [("2023-07-04", "2023-07-10"), ("2023-07-09", "2023-07-10"), ("2023-07-10", "2023-07-17")],
  ["2023-12-29", "2024-02-27", "2023-01-01", "2024-03-04", "2023-10-14", "2024-12-31"])

T("date-arith/add-hours", "Date-time plus a number of hours.",
  lambda t, n: (ymd_hm(t) + dt.timedelta(hours=int(n))).strftime("%Y-%m-%d %H:%M"),
  [(("2023-07-04 09:15", "8"), "2023-07-04 17:15"), (("2023-07-04 22:30", "3"), "2023-07-05 01:30"),
   (("2023-12-31 20:00", "6"), "2024-01-01 02:00")],
  [("2024-02-28 23:00", "2"), ("2023-06-30 12:45", "36"), ("2023-04-10 05:05", "48"),
   ("2023-07-04 00:00", "24"), ("2023-11-30 18:20", "10")], tags=("multi-column",))


def add_business_days(s, n=3):
    d = date(s)
    while n:
        d += dt.timedelta(days=1)
        n -= d.weekday() < 5
    return iso(d)


def plus3_then_monday(s):
    d = date(s) + dt.timedelta(days=3)
    return iso(d + dt.timedelta(days=(7 - d.weekday()) % 7 if d.weekday() >= 5 else 0))


T("date-arith/add-three-business-days", "Three working days (Monday to Friday) after a weekday.",
  add_business_days,
  [("2023-02-06", "2023-02-09"), ("2023-02-08", "2023-02-13"), ("2023-02-10", "2023-02-15")],
  ["2023-06-07", "2023-06-09", "2023-09-12", "2023-09-14", "2023-10-25", "2023-03-21"],
  alts=(plus3_then_monday, plus_days(3)))


def overdue(due, paid):
    late = (date(paid) - date(due)).days
    assert late != 0, "paid on the due date is not shown by the examples"
    return "on time" if late < 0 else f"{late} day{'s' if late != 1 else ''} late"


T("date-arith/days-overdue", "How late a payment was against its due date ('on time' if paid early).",
  overdue,
  [(("2023-07-04", "2023-07-10"), "6 days late"), (("2023-07-04", "2023-07-01"), "on time"),
   (("2023-07-31", "2023-08-01"), "1 day late")],
  [("2023-06-15", "2023-07-20"), ("2024-02-28", "2024-03-01"), ("2023-09-30", "2023-09-02"),
   ("2023-12-31", "2024-01-01"), ("2023-05-10", "2023-04-30"), ("2024-01-15", "2024-03-15")],
  tags=("multi-column",))

T("date-arith/whole-weeks-between", "Number of complete weeks between two dates.",
  lambda a, b: str((date(b) - date(a)).days // 7),
  [(("2023-07-04", "2023-08-01"), "4"), (("2023-01-01", "2023-03-01"), "8"), (("2024-02-01", "2024-02-20"), "2")],
  [("2023-01-01", "2023-12-31"), ("2024-02-29", "2024-03-06"), ("2023-09-01", "2023-12-25"),
   ("2022-12-30", "2023-01-13"), ("2024-05-05", "2024-08-01")], tags=("multi-column",))


def months_between(a, b):
    a, b = date(a), date(b)
    return str((b.year - a.year) * 12 + b.month - a.month - (b.day < a.day))


T("date-arith/whole-months-between", "Number of complete months between two dates.",
  months_between,
  [(("2023-01-15", "2023-07-04"), "5"), (("2022-07-04", "2023-07-04"), "12"), (("2023-05-05", "2023-11-04"), "5")],
  [("2020-03-01", "2023-07-04"), ("2023-06-20", "2023-08-19"), ("2019-12-25", "2024-12-25"),
   ("2023-02-10", "2023-04-09"), ("2021-09-09", "2023-01-10"), ("2023-08-01", "2024-02-28")],
  alts=(lambda a, b: str((date(b) - date(a)).days // 30),
        lambda a, b: str((date(b).year - date(a).year) * 12 + date(b).month - date(a).month)),
  tags=("multi-column",))

T("date-arith/end-of-previous-month", "Last day of the month before the date's month.",
  lambda s: iso(date(s).replace(day=1) - dt.timedelta(days=1)),
  [("2023-07-04", "2023-06-30"), ("2024-03-15", "2024-02-29"), ("2023-01-10", "2022-12-31")],
  ["2023-03-31", "2024-01-01", "2023-10-15", "2000-03-01", "2023-05-20"])

T("date-arith/warranty-90-days", "US M/D/YYYY purchase date plus 90 days, same format.",
  lambda s: "{d.month}/{d.day}/{d.year}".format(d=dt.datetime.strptime(s, "%m/%d/%Y").date() + dt.timedelta(days=90)),
  [("7/4/2023", "10/2/2023"), ("12/15/2023", "3/14/2024"), ("1/1/2023", "4/1/2023")],
  ["2/29/2024", "10/31/2023", "6/15/2022", "3/1/2023", "11/20/2024"])

T("date-arith/elapsed-hours-minutes", "Elapsed time between two date-times as H:MM (hours may exceed 24).",
  lambda a, b: hm(int((ymd_hm(b) - ymd_hm(a)).total_seconds()) // 60),
  [(("2023-07-04 08:00", "2023-07-05 14:30"), "30:30"), (("2023-07-04 22:00", "2023-07-05 06:00"), "8:00"),
   (("2023-07-04 09:15", "2023-07-04 17:45"), "8:30")],
  [("2023-07-04 23:50", "2023-07-05 00:10"), ("2024-02-28 12:00", "2024-03-01 12:00"),
   ("2023-12-31 18:30", "2024-01-01 02:15"), ("2023-07-01 00:00", "2023-07-04 09:05"),
   ("2023-10-10 10:10", "2023-10-10 11:09")], tags=("multi-column",))

T("date-arith/first-of-next-month", "First day of the month after the date's month.",
  lambda s: iso(month_end(date(s)) + dt.timedelta(days=1)),
  [("2023-07-04", "2023-08-01"), ("2023-12-15", "2024-01-01"), ("2024-02-29", "2024-03-01")],
  ["2023-01-31", "2024-02-01", "2023-06-30", "2022-11-11", "2025-03-01"])


def add_one_year(s):
    d = date(s)
    return iso(add_months(d, 12))


T("date-arith/add-one-year", "Same date one year later; 29 February becomes 28 February.",
  add_one_year,
  [("2023-07-04", "2024-07-04"), ("2024-02-29", "2025-02-28"), ("2023-12-31", "2024-12-31")],
  ["2020-02-29", "2023-02-28", "2022-01-01", "2023-03-01", "2025-06-30"],
  alts=(plus_days(365), plus_days(366)))

T("date-arith/end-of-quarter", "Last day of the date's calendar quarter.",
  lambda s: iso(month_end(dt.date(date(s).year, (date(s).month + 2) // 3 * 3, 1))),
  [("2023-07-04", "2023-09-30"), ("2024-02-10", "2024-03-31"), ("2023-12-01", "2023-12-31")],
  ["2023-04-15", "2023-06-30", "2024-05-05", "2022-10-01", "2025-01-31", "2023-08-31"])


# ----------------------------------------------------------------------------------------------
# Build and check
# ----------------------------------------------------------------------------------------------
NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$")
CATEGORIES = ("rounding", "arithmetic", "number-format", "date-parse", "date-format", "time",
              "datetime-tz", "date-arith")


def fits(fn, rows, outputs, mode):
    """True if fn (under the rounding mode) reproduces the outputs of all rows."""
    for inputs, out in zip(rows, outputs):
        try:
            if run(fn, inputs, mode) != out:
                return False
        except Exception:  # noqa: BLE001 - an alternative that fails does not fit
            return False
    return True


def build(task):
    name, fn, mode = task["name"], task["fn"], task["mode"]
    ex_in = [cols(i) for i, _ in task["examples"]]
    ex_out = [o for _, o in task["examples"]]
    te_in = [cols(i) for i in task["tests"]]
    assert NAME_RE.match(name) and name.split("/")[0] in CATEGORIES, name
    assert len(ex_in) == 3 and 5 <= len(te_in) <= 8, f"{name}: 3 examples and 5-8 tests"
    assert len({len(i) for i in ex_in + te_in}) == 1 and 1 <= len(ex_in[0]) <= 3, f"{name}: columns"
    assert len(set(ex_in + te_in)) == len(ex_in) + len(te_in), f"{name}: repeated inputs"
    for inputs, out in zip(ex_in, ex_out):
        got = run(fn, inputs, mode)
        assert got == out, f"{name}: example {inputs} is written {out!r}, the reference gives {got!r}"
    te_out = [run(fn, i, mode) for i in te_in]
    # An alternative reading (another rounding mode, or a listed alt) that fits the examples
    # must fit the tests too: the tests may not ask for anything the examples leave open.
    for alt_mode in ALL_MODES:
        if fits(fn, ex_in, ex_out, alt_mode):
            assert fits(fn, te_in, te_out, alt_mode), f"{name}: rounding mode {alt_mode} fits the examples, not the tests"
    for k, alt in enumerate(task["alts"]):
        if fits(alt, ex_in, ex_out, mode):
            assert fits(alt, te_in, te_out, mode), f"{name}: alternative {k} fits the examples, not the tests"
    category = name.split("/")[0]
    obj = {
        "name": name,
        "examples": [{"inputs": list(i), "output": o} for i, o in zip(ex_in, ex_out)],
        "tests": [{"inputs": list(i), "output": o} for i, o in zip(te_in, te_out)],
        "tags": [category] + [t for t in task["tags"] if t != category],
        "description": task["description"],
    }
    for s in [*(x for i in ex_in + te_in for x in i), *ex_out, *te_out, task["description"]]:
        assert isinstance(s, str) and s and unicodedata.is_normalized("NFC", s), f"{name}: {s!r}"
    return obj


def render():
    names = [t["name"] for t in TASKS]
    assert len(names) == len(set(names)), "duplicate task names"
    lines, problems = [], []
    for t in TASKS:
        try:
            lines.append(json.dumps(build(t), ensure_ascii=False))
        except AssertionError as e:
            problems.append(str(e) or t["name"])
    if problems:
        sys.exit("\n".join(["problems:", *problems]))
    return "".join(line + "\n" for line in lines)


def main():
    text = render()
    if "--check" in sys.argv[1:]:
        with open(OUT, encoding="utf-8") as f:
            same = f.read() == text
        print(f"{OUT}: {'up to date' if same else 'OUT OF DATE'}")
        return 0 if same else 1
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    counts = {c: sum(t["name"].startswith(c + "/") for t in TASKS) for c in CATEGORIES}
    multi = sum(len(cols(t["examples"][0][0])) > 1 for t in TASKS)
    print(f"wrote {len(TASKS)} tasks to {OUT} ({multi} with two or three input columns)")
    for c, n in counts.items():
        print(f"  {c:<14} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
