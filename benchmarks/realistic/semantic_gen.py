#!/usr/bin/env python3
"""Generate semantic.jsonl: programming-by-example tasks that need knowledge.

Every task is written here as data (its name, description, tags and the *inputs* of its
three examples and five to eight held-out tests) together with a small reference function.
The expected outputs are never typed by hand: the script computes each one with the
task's reference function, checks the suite's rules (see check_suite.py) and a number of
sanity facts (known check digits, known conversions), and writes

    benchmarks/realistic/semantic.jsonl

next to this file. The script is deterministic: running it again reproduces the file byte
for byte. Python 3 standard library only.

Usage:
    python3 benchmarks/realistic/semantic_gen.py [--out PATH]

Reference facts (country, currency, language, state, time-zone, airport and port tables)
are written out by hand below; SEMANTIC.md says where they were checked.
"""
import argparse
import base64
import html
import ipaddress
import json
import os
import random
import re
import unicodedata
import urllib.parse
import uuid
from decimal import Decimal, ROUND_HALF_UP
from fractions import Fraction
from http import HTTPStatus

D = Decimal
TASKS = []
FAMILIES = ("units", "encodings", "codes", "checksums", "web", "expressions")


def task(name, description, fn, examples, tests, extra_tags=()):
    """Registers one task; fn maps the input strings of a row to its output string."""
    TASKS.append((name, description, fn, examples, tests, tuple(extra_tags)))


# ---------------------------------------------------------------------------------------
# Number helpers
# ---------------------------------------------------------------------------------------

class TieError(ValueError):
    pass


def rnd(x, places):
    """x (Decimal or Fraction) rounded half-up to `places` decimals, as a fixed-point string.

    Refuses exact ties (x.xx5 with nothing after it), so that no expected output depends
    on a choice between rounding rules."""
    if isinstance(x, Fraction):
        x = D(x.numerator) / D(x.denominator)
    x = D(x)
    q = D(1).scaleb(-places)
    r = x.quantize(q, rounding=ROUND_HALF_UP)
    if abs(x - r) == q / 2:
        raise TieError(f"{x} is a tie at {places} decimals")
    if r == 0:
        r = abs(r)
    return f"{r:f}"


def commas(s):
    """'8849' -> '8,849'; keeps a sign and a decimal part."""
    sign = "-" if s.startswith("-") else ""
    s = s.lstrip("-")
    whole, _, frac = s.partition(".")
    out = f"{int(whole):,}"
    return sign + out + ("." + frac if frac else "")


def num(s):
    """The first number in s (thousands commas allowed) as a Decimal."""
    m = re.search(r"-?\d[\d,]*(?:\.\d+)?|-?\.\d+", s)
    return D(m.group(0).replace(",", ""))


def exact(x):
    """A terminating Fraction/Decimal written without trailing zeros ('2.5', '3', '-0.875')."""
    if isinstance(x, Fraction):
        d = x.denominator
        while d % 2 == 0 or d % 5 == 0:
            d //= 2 if d % 2 == 0 else 5
        assert d == 1, f"{x} does not terminate"
        x = D(x.numerator) / D(x.denominator)
    s = f"{D(x).normalize():f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


# Exact definitions (SI / international yard and pound agreement / NIST).
INCH_CM = D("2.54")
FOOT_M = D("0.3048")
YARD_M = D("0.9144")
MILE_KM = D("1.609344")
LB_KG = D("0.45359237")
OZ_G = LB_KG * 1000 / 16                 # 28.349523125 g
US_GAL_L = D("3.785411784")
US_CUP_ML = US_GAL_L * 1000 / 16         # 236.5882365 ml
ACRE_SQFT = D(43560)
ACRE_M2 = ACRE_SQFT * FOOT_M * FOOT_M    # 4046.8564224 m²
PSI_PA = LB_KG * D("9.80665") / (INCH_CM / 100) ** 2   # 6894.757293168... Pa
KCAL_KJ = D("4.184")                     # thermochemical calorie
NAUTICAL_MILE_KM = D("1.852")

# ---------------------------------------------------------------------------------------
# units
# ---------------------------------------------------------------------------------------


def u_km_mi(s):
    return f"{rnd(num(s) / MILE_KM, 2)} mi"


task("units/km-to-miles", "Kilometres to miles, rounded to two decimals.", u_km_mi,
     ["12 km", "5 km", "42.195 km"],
     ["10 km", "0.8 km", "100 km", "21.0975 km", "3 km", "160 km"])


def u_mi_km(s):
    return f"{rnd(num(s) * MILE_KM, 1)} km"


task("units/miles-to-km", "Miles to kilometres, rounded to one decimal.", u_mi_km,
     ["26.2 mi", "1 mi", "3.1 mi"],
     ["13.1 mi", "100 mi", "0.5 mi", "6.2 mi", "50 mi", "250 mi"])


def u_cm_in(s):
    return f"{rnd(num(s) / INCH_CM, 2)} in"


task("units/cm-to-inches", "Centimetres to inches, rounded to two decimals.", u_cm_in,
     ["5 cm", "30 cm", "2.5 cm"],
     ["10 cm", "1 cm", "45 cm", "100 cm", "17.5 cm", "60 cm"])


def u_dims_cm_in(s):
    parts = re.findall(r"\d+(?:\.\d+)?", s)
    return " x ".join(rnd(D(p) / INCH_CM, 1) for p in parts) + " in"


task("units/package-dimensions-cm-to-inches",
     "Package dimensions L x W x H from centimetres to inches, one decimal each.", u_dims_cm_in,
     ["40 x 30 x 15 cm", "120 x 60 x 75 cm", "22.5 x 10 x 4 cm"],
     ["60 x 40 x 40 cm", "35 x 25 x 2 cm", "200 x 90 x 45 cm", "18 x 12 x 6 cm",
      "80 x 50 x 30 cm"])


def u_screen(s):
    return f"{rnd(num(s) * INCH_CM, 1)} cm"


task("units/screen-diagonal-inches-to-cm",
     "Screen diagonal in inches (written with a double quote) to centimetres, one decimal.",
     u_screen,
     ['13.3"', '27"', '6.1"'],
     ['15.6"', '24"', '32"', '10.9"', '65"', '6.7"'])


def u_height_cm(s):
    ft, inch = re.match(r"(\d+)'(\d+)\"", s).groups()
    return f"{rnd((int(ft) * 12 + int(inch)) * INCH_CM, 0)} cm"


task("units/height-feet-inches-to-cm", "A height in feet and inches (5'11\") to whole centimetres.",
     u_height_cm,
     ["5'11\"", "6'2\"", "5'0\""],
     ["5'4\"", "6'0\"", "5'7\"", "5'9\"", "6'5\"", "4'11\""])


def u_cm_ftin(s):
    inches = int(rnd(num(s) / INCH_CM, 0))
    return f"{inches // 12} ft {inches % 12} in"


task("units/height-cm-to-feet-inches",
     "A height in centimetres to feet and inches, rounded to the nearest inch.", u_cm_ftin,
     ["180 cm", "165 cm", "152 cm"],
     ["175 cm", "190 cm", "158 cm", "201 cm", "170 cm", "147 cm"])


def u_kg_lb(s):
    return f"{rnd(num(s) / LB_KG, 2)} lb"


task("units/kg-to-pounds", "Shipping weight in kilograms to pounds, two decimals.", u_kg_lb,
     ["2.5 kg", "12 kg", "0.75 kg"],
     ["1 kg", "20 kg", "0.3 kg", "4.2 kg", "68 kg", "23 kg"])


def u_lboz_kg(s):
    lb, oz = re.match(r"(\d+) lb (\d+) oz", s).groups()
    return f"{rnd((int(lb) + D(oz) / 16) * LB_KG, 2)} kg"


task("units/pounds-ounces-to-kg", "A birth weight in pounds and ounces to kilograms, two decimals.",
     u_lboz_kg,
     ["7 lb 4 oz", "8 lb 0 oz", "6 lb 11 oz"],
     ["9 lb 2 oz", "5 lb 15 oz", "7 lb 7 oz", "10 lb 1 oz", "8 lb 12 oz"])


def u_oz_g(s):
    m = re.match(r"([\d.]+) oz (.+)", s)
    return f"{rnd(D(m.group(1)) * OZ_G, 0)} g {m.group(2)}"


task("units/recipe-ounces-to-grams",
     "Recipe ingredient quantities in ounces to whole grams, keeping the ingredient.", u_oz_g,
     ["8 oz butter", "12 oz dark chocolate", "1.5 oz fresh yeast"],
     ["16 oz flour", "4 oz sugar", "2 oz parmesan", "6 oz spinach", "10 oz cream cheese",
      "0.25 oz salt"])


def u_cups_ml(s):
    q = s.split()[0]
    amount = Fraction(q)
    return f"{rnd(D(amount.numerator) / amount.denominator * US_CUP_ML, 0)} ml"


task("units/us-cups-to-ml", "US customary cups (whole or fractions) to whole millilitres.",
     u_cups_ml,
     ["1 cup", "3 cups", "1/2 cup"],
     ["2 cups", "1/4 cup", "3/4 cup", "4 cups", "1/3 cup", "5 cups"])


def u_l_gal(s):
    return f"{rnd(num(s) / US_GAL_L, 2)} gal"


task("units/litres-to-us-gallons", "Litres to US gallons, two decimals.", u_l_gal,
     ["20 L", "3.5 L", "100 L"],
     ["1 L", "50 L", "5 L", "60 L", "12.5 L", "200 L"])


def u_gal_l(s):
    return f"{rnd(num(s) * US_GAL_L, 1)} L"


task("units/us-gallons-to-litres", "US gallons to litres, one decimal.", u_gal_l,
     ["15 gal", "1 gal", "0.5 gal"],
     ["5 gal", "55 gal", "2.5 gal", "10 gal", "300 gal"])


def u_f_c(s):
    return f"{rnd((num(s) - 32) * 5 / D(9), 1)}°C"


task("units/fahrenheit-to-celsius", "Temperatures in °F to °C with one decimal.", u_f_c,
     ["72°F", "32°F", "-4°F"],
     ["98.6°F", "212°F", "350°F", "0°F", "50°F", "-40°F", "425°F"])


def u_c_f(s):
    return f"{rnd(num(s) * 9 / 5 + 32, 0)}°F"


task("units/celsius-to-fahrenheit", "Temperatures in °C to whole °F.", u_c_f,
     ["180°C", "37°C", "-10°C"],
     ["200°C", "0°C", "100°C", "22°C", "160°C", "-25°C", "4°C"])


def u_kmh_mph(s):
    return f"{rnd(num(s) / MILE_KM, 0)} mph"


task("units/kmh-to-mph", "Speed limits in km/h to whole miles per hour.", u_kmh_mph,
     ["100 km/h", "50 km/h", "130 km/h"],
     ["30 km/h", "80 km/h", "120 km/h", "60 km/h", "110 km/h", "90 km/h"])


def u_ms_kmh(s):
    return f"{rnd(num(s) * D('3.6'), 1)} km/h"


task("units/wind-ms-to-kmh", "Wind speed in metres per second to km/h, one decimal.", u_ms_kmh,
     ["12 m/s", "3.5 m/s", "20 m/s"],
     ["5 m/s", "0.8 m/s", "27.8 m/s", "9 m/s", "15.5 m/s"])


def u_kn_kmh(s):
    return f"{rnd(num(s) * NAUTICAL_MILE_KM, 1)} km/h"


task("units/knots-to-kmh", "Knots to km/h, one decimal.", u_kn_kmh,
     ["25 kn", "10 kn", "140 kn"],
     ["5 kn", "33 kn", "250 kn", "18 kn", "1 kn"])


def u_mb_gb(s):
    return f"{rnd(num(s) / 1024, 1)} GB"


task("units/megabytes-to-gigabytes",
     "Megabytes to gigabytes with 1 GB = 1024 MB, one decimal.", u_mb_gb,
     ["1536 MB", "4096 MB", "700 MB"],
     ["2560 MB", "8192 MB", "3000 MB", "512 MB", "10240 MB", "1200 MB"])


def u_bytes_human(s):
    n = D(s)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if n < 1024:
            return f"{rnd(n, 1)} {unit}"
        n /= 1024
    raise ValueError(s)


task("units/bytes-to-human-readable",
     "A file size in bytes to the largest binary unit (KiB, MiB, GiB) under 1024, one decimal.",
     u_bytes_human,
     ["5242880", "2048", "1610612736"],
     ["3145728", "1073741824", "716800", "52428800", "2621440", "5368709120"])


def u_gb_gib(s):
    return f"{rnd(num(s) * 10 ** 9 / D(2) ** 30, 2)} GiB"


task("units/disk-gb-to-gib",
     "Advertised disk capacity in decimal gigabytes to binary gibibytes, two decimals.", u_gb_gib,
     ["500 GB", "256 GB", "1000 GB"],
     ["128 GB", "2000 GB", "64 GB", "240 GB", "4000 GB", "320 GB"])


def u_mbps(s):
    return f"{exact(num(s) / 8)} MB/s"


task("units/mbps-to-megabytes-per-second", "A link speed in megabits per second to megabytes per second.",
     u_mbps,
     ["100 Mbps", "1000 Mbps", "50 Mbps"],
     ["300 Mbps", "8 Mbps", "20 Mbps", "500 Mbps", "250 Mbps", "10 Mbps"])


def u_min_hms(s):
    total = int(num(s) * 60)
    assert num(s) * 60 == total
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"


task("units/minutes-to-hh-mm-ss", "A duration in minutes (possibly fractional) to hh:mm:ss.",
     u_min_hms,
     ["150", "7.5", "1005"],
     ["45", "61", "2.25", "600", "89.75", "1439"])


def u_sec_hms(s):
    t = int(s)
    return f"{t // 3600}:{t % 3600 // 60:02d}:{t % 60:02d}"


task("units/seconds-to-h-mm-ss", "A video length in seconds to h:mm:ss.", u_sec_hms,
     ["3725", "59", "7200"],
     ["600", "3601", "4521", "86399", "125", "45000"])


def u_iso_dur(s):
    m = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?", s)
    return str(int(m.group(1) or 0) * 60 + int(m.group(2) or 0))


task("units/iso8601-duration-to-minutes", "An ISO 8601 duration (PT#H#M) to a number of minutes.",
     u_iso_dur,
     ["PT1H30M", "PT45M", "PT2H"],
     ["PT3H15M", "PT10M", "PT1H5M", "PT12H", "PT1H", "PT2H59M"])


def u_dec_hours(s):
    minutes = D(s) * 60
    assert minutes == int(minutes)
    minutes = int(minutes)
    return f"{minutes // 60}h {minutes % 60}m"


task("units/decimal-hours-to-hours-minutes", "Timesheet hours in decimal to hours and minutes.",
     u_dec_hours,
     ["7.75", "1.1", "0.25"],
     ["6.2", "8.5", "10.05", "3.4", "12.95", "0.5"])


def u_m2_sqft(s):
    return f"{commas(rnd(num(s) / (FOOT_M * FOOT_M), 0))} sq ft"


task("units/square-metres-to-square-feet", "Floor area in square metres to whole square feet.",
     u_m2_sqft,
     ["85 m²", "120 m²", "42.5 m²"],
     ["60 m²", "200 m²", "33 m²", "75.5 m²", "18 m²"])


def u_acres_sqft(s):
    return f"{exact(num(s) * ACRE_SQFT)} sq ft"


task("units/acres-to-square-feet", "Land area in acres to square feet.", u_acres_sqft,
     ["3 acres", "0.25 acres", "1 acre"],
     ["2 acres", "0.1 acres", "5.5 acres", "10 acres", "0.75 acres"])


def u_ha_acres(s):
    return f"{rnd(num(s) * 10000 / ACRE_M2, 2)} acres"


task("units/hectares-to-acres", "Hectares to acres, two decimals.", u_ha_acres,
     ["12 ha", "0.5 ha", "250 ha"],
     ["1 ha", "40 ha", "3.2 ha", "100 ha", "0.8 ha"])

LENGTH_M = {"ft": FOOT_M, "feet": FOOT_M, "foot": FOOT_M, "in": INCH_CM / 100,
            "inch": INCH_CM / 100, "inches": INCH_CM / 100, "yd": YARD_M, "yard": YARD_M,
            "yards": YARD_M}


def u_len_m(s):
    value, unit = s.split()
    return f"{rnd(D(value) * LENGTH_M[unit], 2)} m"


task("units/imperial-length-to-metres",
     "Feet, inches or yards (abbreviated or spelled out) to metres, two decimals.", u_len_m,
     ["5 ft", "12 inches", "3 yd"],
     ["6 feet", "36 in", "100 yards", "2 ft", "10 inches", "1 yard"])

MASS_G = {"kg": D(1000), "kilograms": D(1000), "g": D(1), "oz": OZ_G, "ounces": OZ_G,
          "lb": LB_KG * 1000, "lbs": LB_KG * 1000, "pound": LB_KG * 1000, "pounds": LB_KG * 1000}


def u_mass_g(s):
    value, unit = s.split()
    return f"{rnd(D(value) * MASS_G[unit], 0)} g"


task("units/mixed-weights-to-grams",
     "Weights in kilograms, ounces or pounds (abbreviated or spelled out) to whole grams.",
     u_mass_g,
     ["1.5 kg", "8 oz", "1 pound"],
     ["2 pounds", "0.5 kg", "12 ounces", "3 lb", "4 oz", "0.25 kilograms"])


def u_psi_bar(s):
    return f"{rnd(num(s) * PSI_PA / 100000, 1)} bar"


task("units/tyre-pressure-psi-to-bar", "Tyre pressure in psi to bar, one decimal.", u_psi_bar,
     ["32 psi", "35 psi", "44 psi"],
     ["30 psi", "36 psi", "28 psi", "40 psi", "50 psi", "80 psi"])


def u_mpg(s):
    km_per_l = num(s) * MILE_KM / US_GAL_L
    return f"{rnd(100 / km_per_l, 1)} L/100 km"


task("units/us-mpg-to-litres-per-100km",
     "Fuel economy in US miles per gallon to litres per 100 km, one decimal.", u_mpg,
     ["30 mpg", "45 mpg", "18 mpg"],
     ["25 mpg", "35 mpg", "50 mpg", "22 mpg", "40 mpg", "15 mpg"])


def u_kcal_kj(s):
    return f"{rnd(num(s) * KCAL_KJ, 0)} kJ"


task("units/kcal-to-kilojoules", "Food energy in kilocalories to whole kilojoules.", u_kcal_kj,
     ["250 kcal", "90 kcal", "1200 kcal"],
     ["100 kcal", "540 kcal", "2000 kcal", "75 kcal", "330 kcal"])


def u_ft_m_commas(s):
    return f"{commas(rnd(num(s) * FOOT_M, 0))} m"


task("units/elevation-feet-to-metres",
     "Mountain elevations in feet to whole metres, with thousands separators.", u_ft_m_commas,
     ["29,032 ft", "14,505 ft", "830 ft"],
     ["20,310 ft", "10,000 ft", "5,280 ft", "22,838 ft", "1,250 ft"])

# ---------------------------------------------------------------------------------------
# encodings
# ---------------------------------------------------------------------------------------

task("encodings/decimal-to-hex", "Decimal number to upper-case hexadecimal.",
     lambda s: format(int(s), "X"),
     ["255", "4096", "171"],
     ["10", "3054", "65535", "100", "48879", "2024"])

task("encodings/hex-to-decimal", "Hexadecimal with a 0x prefix to decimal.",
     lambda s: str(int(s, 16)),
     ["0x1F", "0xFF", "0x100"],
     ["0x7E5", "0xA", "0xC0DE", "0x40", "0xFFFF", "0x3E8"])

task("encodings/decimal-to-8-bit-binary", "A byte value in decimal to eight binary digits.",
     lambda s: format(int(s), "08b"),
     ["5", "200", "64"],
     ["255", "0", "17", "128", "99", "170"])

task("encodings/binary-to-decimal", "Binary to decimal.",
     lambda s: str(int(s, 2)),
     ["1011", "11111111", "100000"],
     ["1", "1100100", "10000000000", "111", "1010101", "11001"])


def e_perm(s):
    out = ""
    for d in s:
        d = int(d)
        out += ("r" if d & 4 else "-") + ("w" if d & 2 else "-") + ("x" if d & 1 else "-")
    return out


task("encodings/octal-permissions-to-symbolic",
     "Unix file permissions in octal (chmod) to the rwx notation of ls -l.", e_perm,
     ["755", "644", "600"],
     ["700", "775", "640", "444", "711", "666", "750"])


def e_symbolic(s):
    digits = ""
    for i in range(0, 9, 3):
        t = s[i:i + 3]
        digits += str((4 if t[0] == "r" else 0) + (2 if t[1] == "w" else 0) + (1 if t[2] == "x" else 0))
    return digits


task("encodings/symbolic-permissions-to-octal",
     "Unix permissions in rwx notation to the octal chmod mode.", e_symbolic,
     ["rwxr-xr-x", "rw-r--r--", "rw-------"],
     ["rwx------", "rwxrwxr-x", "rw-r-----", "r--r--r--", "rwx--x--x", "rw-rw-rw-"])

ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
         (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def to_roman(n):
    out = ""
    for v, sym in ROMAN:
        while n >= v:
            out += sym
            n -= v
    return out


def from_roman(s):
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, ch in enumerate(s):
        v = vals[ch]
        if i + 1 < len(s) and vals[s[i + 1]] > v:
            total -= v
        else:
            total += v
    assert to_roman(total) == s, s
    return total


task("encodings/roman-to-arabic", "Roman numeral to a decimal number.",
     lambda s: str(from_roman(s)),
     ["XIV", "MCMXC", "XL"],
     ["MMXXIV", "CDXLIV", "IX", "LXXXVIII", "MDCCLXXVI", "CM"])

task("encodings/arabic-to-roman", "A number (1 to 3999) to Roman numerals.",
     lambda s: to_roman(int(s)),
     ["2024", "14", "1990"],
     ["9", "49", "444", "1666", "88", "3999"])


def e_roman_title(s):
    words = s.split(" ")
    return " ".join(words[:-1] + [str(from_roman(words[-1]))])


task("encodings/roman-numeral-in-title",
     "The Roman numeral at the end of a title or name replaced by its number.", e_roman_title,
     ["Super Bowl LVIII", "Louis XIV", "Rocky IV"],
     ["Henry VIII", "World War II", "Pope John XXIII", "Final Fantasy XVI", "Apollo XIII",
      "Olympiad XXXIII"])

ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen").split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def words(n):
    """English cardinal words, US style without 'and': 342 -> 'three hundred forty-two'."""
    assert 0 <= n < 1_000_000
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("-" + ONES[n % 10] if n % 10 else "")
    if n < 1000:
        return ONES[n // 100] + " hundred" + (" " + words(n % 100) if n % 100 else "")
    return words(n // 1000) + " thousand" + (" " + words(n % 1000) if n % 1000 else "")


task("encodings/number-to-words", "A number below 1000 written out in English words.",
     lambda s: words(int(s)),
     ["21", "7", "140"],
     ["15", "99", "300", "512", "80", "613", "40"])


def e_cheque(s):
    amount = D(s.replace("$", "").replace(",", ""))
    dollars = int(amount)
    cents = int((amount - dollars) * 100)
    text = f"{words(dollars)} and {cents:02d}/100 dollars"
    return text[0].upper() + text[1:]


task("encodings/cheque-amount-in-words",
     "A dollar amount written out as on a cheque: words, cents as a fraction of 100.", e_cheque,
     ["$1,250.75", "$85.00", "$3,019.40"],
     ["$600.00", "$12,345.67", "$99.99", "$2,001.10", "$710.05", "$48.30"])

WORD_VALUES = {w: i for i, w in enumerate(ONES)}
WORD_VALUES.update({w: 10 * i for i, w in enumerate(TENS) if w != "_"})


def from_words(s):
    total = 0
    for w in s.replace("-", " ").split():
        if w == "hundred":
            total *= 100
        else:
            total += WORD_VALUES[w]
    assert words(total) == s, s
    return total


task("encodings/words-to-number", "A number written in English words to digits.",
     lambda s: str(from_words(s)),
     ["twenty-one", "one hundred five", "seventy"],
     ["forty-two", "nine hundred ninety-nine", "thirteen", "three hundred sixty-five", "eight",
      "sixty-six"])


def ordinal_suffix(n):
    if n % 100 in (11, 12, 13):
        return f"{n}th"
    return f"{n}" + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


task("encodings/ordinal-suffix", "A number with its English ordinal suffix (1st, 2nd, 12th, 23rd).",
     lambda s: ordinal_suffix(int(s)),
     ["1", "12", "23"],
     ["2", "11", "13", "22", "101", "111", "4", "112"])

ORDINAL_WORD = {"one": "first", "two": "second", "three": "third", "five": "fifth",
                "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}


def ordinal_words(n):
    w = words(n)
    head, sep, last = w.rpartition("-") if "-" in w else w.rpartition(" ")
    if last in ORDINAL_WORD:
        last = ORDINAL_WORD[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


task("encodings/ordinal-words", "A number to its English ordinal in words (3 -> third).",
     lambda s: ordinal_words(int(s)),
     ["3", "21", "12"],
     ["1", "5", "8", "9", "20", "40", "33", "15"])


def e_rgb_hex(s):
    r, g, b = (int(x) for x in re.findall(r"\d+", s))
    return f"#{r:02X}{g:02X}{b:02X}"


task("encodings/rgb-to-hex-colour", "An RGB triple (0-255 each) to a #RRGGBB hex colour.", e_rgb_hex,
     ["0,128,255", "255, 99, 71", "34,139,34"],
     ["255,255,255", "128, 0, 128", "70,130,180", "255,215,0", "8, 8, 8", "220,20,60"])


def e_hex_rgb(s):
    h = s.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(h[i:i + 2], 16) for i in (0, 2, 4)))


task("encodings/hex-colour-to-rgb", "A #RRGGBB colour (either case) to CSS rgb() notation.", e_hex_rgb,
     ["#FF6347", "#1e90ff", "#008000"],
     ["#FFFFFF", "#4682b4", "#800080", "#FFD700", "#2f4f4f", "#000000"])

# CSS Color Module Level 4 named colours (only the ones used).
CSS_COLOURS = {"tomato": "#FF6347", "steelblue": "#4682B4", "gold": "#FFD700",
               "navy": "#000080", "crimson": "#DC143C", "teal": "#008080", "orange": "#FFA500",
               "coral": "#FF7F50", "indigo": "#4B0082", "orchid": "#DA70D6",
               "chocolate": "#D2691E", "turquoise": "#40E0D0", "silver": "#C0C0C0",
               "salmon": "#FA8072"}

task("encodings/css-colour-name-to-hex", "A CSS named colour to its #RRGGBB value.",
     lambda s: CSS_COLOURS[s],
     ["tomato", "steelblue", "navy"],
     ["gold", "crimson", "teal", "orange", "coral", "indigo", "chocolate", "turquoise"])

task("encodings/base64-encode", "Text (UTF-8) to standard Base64 with padding.",
     lambda s: base64.b64encode(s.encode()).decode(),
     ["hello", "user:pass", "Gemfill"],
     ["admin:secret", "Hello, World!", "abc", "2024-05-01", "api-key", "x-token:9f3b"])

task("encodings/base64-decode", "Standard Base64 back to text (UTF-8).",
     lambda s: base64.b64decode(s).decode(),
     ["aGVsbG8=", "R2VtZmlsbA==", "dXNlcjpwYXNz"],
     [base64.b64encode(t.encode()).decode() for t in
      ["admin:secret", "Hello, World!", "abc", "order-4471", "Basic realm", "42"]])


def e_basic_auth(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


task("encodings/http-basic-auth-header",
     "User name and password to an HTTP Basic Authorization header value.", e_basic_auth,
     [("alice", "s3cret"), ("admin", "hunter2"), ("svc-backup", "N0v!2024")],
     [("bob", "password"), ("deploy", "x7Kq9p"), ("carol.smith", "Tr0ub4dor&3"),
      ("root", "toor"), ("api", "letmein42")])

task("encodings/url-percent-encode",
     "A query value percent-encoded for a URL (UTF-8; spaces as %20; every reserved character encoded).",
     lambda s: urllib.parse.quote(s, safe=""),
     ["New York, NY", "R&D / Sales", "café"],
     ["São Paulo", "50% off", "a+b=c", "Q&A", "hello world", "Zürich", "price<100"])

task("encodings/url-percent-decode", "A percent-encoded URL component decoded to text (UTF-8).",
     lambda s: urllib.parse.unquote(s),
     ["Hello%20World", "caf%C3%A9", "R%26D%2FSales"],
     ["New%20York%2C%20NY", "S%C3%A3o%20Paulo", "50%25%20off", "a%2Bb%3Dc", "Z%C3%BCrich",
      "spring%20sale%202024"])

task("encodings/html-entities-decode",
     "HTML entities (named and numeric) in a scraped text replaced by their characters.",
     html.unescape,
     ["Tom &amp; Jerry", "Caf&eacute; au lait", "It&#39;s 5 o&#39;clock"],
     ["5 &lt; 10", "&quot;Quoted&quot;", "&copy; 2024 Gemfill", "Gr&uuml;&szlig;e aus K&ouml;ln",
      "Price: &#8364;20", "A &gt; B &amp;&amp; C", "Cr&egrave;me br&ucirc;l&eacute;e"])

task("encodings/html-escape",
     "Text escaped for HTML: &, <, > and double quotes as entities.",
     lambda s: html.escape(s, quote=True),
     ["Tom & Jerry", "<b>Sale</b>", 'Say "hi"'],
     ["AT&T", "x < y", "a > b && c", '"quoted"', "<br>", 'Size: 5" & up'])


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


task("encodings/remove-accents", "Accents removed from letters, leaving plain ASCII.", strip_accents,
     ["Crème Brûlée", "José Álvarez", "Ångström"],
     ["Zoë", "São Paulo", "Hôtel-Dieu", "naïve café", "Dvořák", "Šibenik", "Ça va", "Niño"])

GERMAN = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}


task("encodings/german-umlaut-transliteration",
     "German umlauts and ß written out: ä->ae, ö->oe, ü->ue, ß->ss.",
     lambda s: "".join(GERMAN.get(c, c) for c in s),
     ["Müller", "Österreich", "Fußgängerzone"],
     ["Köln", "Größe", "Düsseldorf", "Übersee", "Jäger", "Bäckerstraße", "Schröder"])

NORDIC = {"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "å": "a", "Å": "A"}

task("encodings/nordic-letter-transliteration",
     "Danish/Norwegian letters simplified: æ->ae, ø->o, å->a.",
     lambda s: "".join(NORDIC.get(c, c) for c in s),
     ["Søren Kierkegaard", "Ærøskøbing", "Blåbærsaft"],
     ["Tromsø", "Ålesund", "Møller", "Smørrebrød", "Færøerne", "Bodø", "Grønland"])

task("encodings/unicode-code-point", "A character to its Unicode code point in U+XXXX notation.",
     lambda s: f"U+{ord(s):04X}",
     ["é", "€", "A"],
     ["ß", "©", "Ω", "→", "z", "ñ", "✓"])

NATO = ("Alfa Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliett Kilo Lima Mike "
        "November Oscar Papa Quebec Romeo Sierra Tango Uniform Victor Whiskey X-ray Yankee "
        "Zulu").split()

task("encodings/nato-phonetic-alphabet",
     "Letters spelled with the ICAO/NATO phonetic alphabet (Alfa, Juliett spellings).",
     lambda s: " ".join(NATO[ord(c) - 65] for c in s),
     ["GEM", "JAX", "DUB"],
     ["PKN", "LYS", "VIC", "TWO", "FRW", "SNOW", "QH"])

task("encodings/hex-bytes-to-ascii", "Space-separated hexadecimal bytes decoded as ASCII text.",
     lambda s: bytes.fromhex(s).decode("ascii"),
     ["48 65 6C 6C 6F", "4F 4B", "47 45 54 20 2F"],
     ["48 69 21", "34 30 34", "53 4F 53", "50 4F 53 54", "41 42 43 31 32 33"])


def e_slug(s):
    s = strip_accents(s).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


task("encodings/accent-free-url-slug",
     "A recipe title to a URL slug: accents removed, lower case, words joined by hyphens.", e_slug,
     ["Crème Brûlée Recipe", "Jalapeño Poppers", "Café au Lait (Iced)"],
     ["Smörgåsbord Ideas", "Piña Colada", "Crêpes Suzette", "Pâté & Toast", "Gâteau Basque!"])

# ---------------------------------------------------------------------------------------
# codes: reference tables (checked against ISO data: see SEMANTIC.md)
# ---------------------------------------------------------------------------------------

# alpha-2, alpha-3, English short name, international calling code, currency
COUNTRIES = [
    ("DE", "DEU", "Germany", "49", "EUR"), ("FR", "FRA", "France", "33", "EUR"),
    ("ES", "ESP", "Spain", "34", "EUR"), ("IT", "ITA", "Italy", "39", "EUR"),
    ("PT", "PRT", "Portugal", "351", "EUR"), ("NL", "NLD", "Netherlands", "31", "EUR"),
    ("BE", "BEL", "Belgium", "32", "EUR"), ("AT", "AUT", "Austria", "43", "EUR"),
    ("CH", "CHE", "Switzerland", "41", "CHF"), ("IE", "IRL", "Ireland", "353", "EUR"),
    ("GB", "GBR", "United Kingdom", "44", "GBP"), ("SE", "SWE", "Sweden", "46", "SEK"),
    ("NO", "NOR", "Norway", "47", "NOK"), ("DK", "DNK", "Denmark", "45", "DKK"),
    ("FI", "FIN", "Finland", "358", "EUR"), ("PL", "POL", "Poland", "48", "PLN"),
    ("HU", "HUN", "Hungary", "36", "HUF"), ("GR", "GRC", "Greece", "30", "EUR"),
    ("IS", "ISL", "Iceland", "354", "ISK"), ("US", "USA", "United States", "1", "USD"),
    ("CA", "CAN", "Canada", "1", "CAD"), ("MX", "MEX", "Mexico", "52", "MXN"),
    ("BR", "BRA", "Brazil", "55", "BRL"), ("AR", "ARG", "Argentina", "54", "ARS"),
    ("CL", "CHL", "Chile", "56", "CLP"), ("CO", "COL", "Colombia", "57", "COP"),
    ("JP", "JPN", "Japan", "81", "JPY"), ("CN", "CHN", "China", "86", "CNY"),
    ("IN", "IND", "India", "91", "INR"), ("SG", "SGP", "Singapore", "65", "SGD"),
    ("AU", "AUS", "Australia", "61", "AUD"), ("NZ", "NZL", "New Zealand", "64", "NZD"),
    ("ZA", "ZAF", "South Africa", "27", "ZAR"), ("NG", "NGA", "Nigeria", "234", "NGN"),
    ("KE", "KEN", "Kenya", "254", "KES"), ("EG", "EGY", "Egypt", "20", "EGP"),
    ("MA", "MAR", "Morocco", "212", "MAD"), ("IL", "ISR", "Israel", "972", "ILS"),
    ("AE", "ARE", "United Arab Emirates", "971", "AED"), ("TH", "THA", "Thailand", "66", "THB"),
    ("ID", "IDN", "Indonesia", "62", "IDR"), ("PH", "PHL", "Philippines", "63", "PHP"),
    ("MY", "MYS", "Malaysia", "60", "MYR"), ("UA", "UKR", "Ukraine", "380", "UAH"),
    ("RO", "ROU", "Romania", "40", "RON"), ("HR", "HRV", "Croatia", "385", "EUR"),
    ("LT", "LTU", "Lithuania", "370", "EUR"), ("SK", "SVK", "Slovakia", "421", "EUR"),
    ("SI", "SVN", "Slovenia", "386", "EUR"), ("RS", "SRB", "Serbia", "381", "RSD"),
    ("DZ", "DZA", "Algeria", "213", "DZD"), ("KH", "KHM", "Cambodia", "855", "KHR"),
    ("LK", "LKA", "Sri Lanka", "94", "LKR"), ("BD", "BGD", "Bangladesh", "880", "BDT"),
    ("PE", "PER", "Peru", "51", "PEN"), ("LU", "LUX", "Luxembourg", "352", "EUR"),
]
BY_A2 = {c[0]: c for c in COUNTRIES}
BY_A3 = {c[1]: c for c in COUNTRIES}
BY_NAME = {c[2]: c for c in COUNTRIES}
CCTLD = {("uk" if a2 == "GB" else a2.lower()): name for a2, _, name, _, _ in COUNTRIES}

task("codes/country-name-to-alpha2", "Country name to its ISO 3166-1 alpha-2 code.",
     lambda s: BY_NAME[s][0],
     ["Germany", "Spain", "Switzerland"],
     ["Japan", "Austria", "South Africa", "Portugal", "Chile", "Sweden", "Ireland", "Morocco"])

task("codes/alpha2-to-country-name", "ISO 3166-1 alpha-2 code to the country's English name.",
     lambda s: BY_A2[s][2],
     ["DE", "JP", "HR"],
     ["FR", "CH", "ZA", "DK", "KH", "AE", "LK", "MA"])

task("codes/alpha3-to-alpha2", "ISO 3166-1 alpha-3 code to the alpha-2 code.",
     lambda s: BY_A3[s][0],
     ["DEU", "PRT", "IRL"],
     ["FRA", "DNK", "CHL", "SWE", "POL", "ZAF", "ROU", "SVK"])

task("codes/alpha2-to-alpha3", "ISO 3166-1 alpha-2 code to the alpha-3 code.",
     lambda s: BY_A2[s][1],
     ["FR", "DK", "CL"],
     ["DE", "ES", "AT", "PT", "UA", "SI", "MY", "RS"])


def c_address_a3(s):
    return BY_NAME[s.rsplit(", ", 1)[1]][1]


task("codes/shipping-address-country-to-alpha3",
     "The country at the end of a one-line shipping address as an ISO alpha-3 code.",
     c_address_a3,
     ["Calle Mayor 5, 28013 Madrid, Spain", "12 Rue de Rivoli, 75004 Paris, France",
      "Bahnhofstrasse 1, 8001 Zürich, Switzerland"],
     ["Via Roma 10, 00184 Roma, Italy", "Kärntner Straße 3, 1010 Wien, Austria",
      "Rua Augusta 20, 1100-053 Lisboa, Portugal", "Damrak 1, 1012 LG Amsterdam, Netherlands",
      "Strøget 8, 1160 København, Denmark", "1-1 Marunouchi, Chiyoda, Tokyo, Japan",
      "Avenida Paulista 1000, São Paulo, Brazil"])

task("codes/alpha2-to-flag-emoji", "ISO alpha-2 country code to its flag emoji.",
     lambda s: "".join(chr(0x1F1E6 + ord(c) - 65) for c in s),
     ["FR", "JP", "BR"],
     ["DE", "CA", "IT", "SE", "MX", "NZ"])

task("codes/country-calling-code", "Country name to its international telephone calling code.",
     lambda s: "+" + BY_NAME[s][3],
     ["Germany", "United Kingdom", "Ireland"],
     ["France", "Japan", "Spain", "Brazil", "India", "Portugal", "Switzerland", "Finland"])

# English currency display names as in the Unicode CLDR (en locale).
CURRENCY_NAME = {"USD": "US Dollar", "EUR": "Euro", "JPY": "Japanese Yen", "GBP": "British Pound",
                 "CHF": "Swiss Franc", "CAD": "Canadian Dollar", "AUD": "Australian Dollar",
                 "SEK": "Swedish Krona", "NOK": "Norwegian Krone", "DKK": "Danish Krone",
                 "MXN": "Mexican Peso", "BRL": "Brazilian Real", "INR": "Indian Rupee",
                 "PLN": "Polish Zloty", "NZD": "New Zealand Dollar", "HUF": "Hungarian Forint",
                 "SGD": "Singapore Dollar", "ZAR": "South African Rand"}

task("codes/currency-code-to-name", "ISO 4217 currency code to the currency's English name.",
     lambda s: CURRENCY_NAME[s],
     ["JPY", "GBP", "USD"],
     ["EUR", "CHF", "CAD", "SEK", "MXN", "INR", "NZD", "PLN"])

CURRENCY_SIGN = {"€": "EUR", "£": "GBP", "₹": "INR", "₩": "KRW", "₺": "TRY", "₪": "ILS",
                 "฿": "THB", "₴": "UAH", "₱": "PHP", "₫": "VND", "₦": "NGN"}

task("codes/currency-symbol-to-code",
     "A price with a currency sign to the ISO 4217 code of its currency.",
     lambda s: CURRENCY_SIGN[s[0]],
     ["€49.99", "£8.50", "₹1,299"],
     ["₩15,000", "₺240", "₪89.90", "฿350", "₴1,200", "₱499", "€5.00", "₦2,500"])

task("codes/country-to-currency-code", "Country name to the ISO 4217 code of its currency.",
     lambda s: BY_NAME[s][4],
     ["Japan", "Switzerland", "France"],
     ["Sweden", "Mexico", "India", "Brazil", "Canada", "Germany", "Poland", "South Africa"])

US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire",
    "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia",
}
STATE_CODE = {v: k for k, v in US_STATES.items()}

task("codes/us-state-name-to-postal-code", "US state name to its two-letter USPS code.",
     lambda s: STATE_CODE[s],
     ["California", "Texas", "Maryland"],
     ["Arizona", "Missouri", "Nebraska", "Tennessee", "Kentucky", "Connecticut", "Iowa",
      "New Hampshire"])

task("codes/us-postal-code-to-state-name", "Two-letter USPS state code to the state's name.",
     lambda s: US_STATES[s],
     ["MA", "MI", "AK"],
     ["ME", "MS", "MT", "NV", "IA", "AL", "VT", "NC"])


def c_city_state(s):
    city, st = s.rsplit(", ", 1)
    return f"{city}, {US_STATES[st]}"


task("codes/city-state-code-expanded", "'City, ST' with the state code written out in full.",
     c_city_state,
     ["Portland, OR", "Springfield, IL", "Kansas City, MO"],
     ["Portland, ME", "Springfield, MA", "Columbus, OH", "Salt Lake City, UT", "Burlington, VT",
      "Santa Fe, NM", "Charleston, WV"])


def c_abbrev_state(s):
    m = re.fullmatch(r"(.*), (.+) (\d{5})", s)
    return f"{m.group(1)}, {STATE_CODE[m.group(2)]} {m.group(3)}"


task("codes/address-state-name-to-code",
     "In 'City, State ZIP' the state name replaced by its USPS code.", c_abbrev_state,
     ["Austin, Texas 78701", "Boise, Idaho 83702", "Augusta, Georgia 30901"],
     ["Denver, Colorado 80202", "Seattle, Washington 98101", "Omaha, Nebraska 68102",
      "Newark, New Jersey 07102", "Anchorage, Alaska 99501", "Louisville, Kentucky 40202"])

# ISO 639-1 codes with English names.
LANGUAGES = {"de": "German", "ja": "Japanese", "es": "Spanish", "fr": "French", "zh": "Chinese",
             "sv": "Swedish", "ko": "Korean", "pt": "Portuguese", "nl": "Dutch", "el": "Greek",
             "he": "Hebrew", "hi": "Hindi", "ar": "Arabic", "pl": "Polish", "fi": "Finnish",
             "it": "Italian", "en": "English", "tr": "Turkish", "uk": "Ukrainian",
             "cs": "Czech", "da": "Danish", "hu": "Hungarian", "ru": "Russian",
             "vi": "Vietnamese", "th": "Thai", "ga": "Irish", "ca": "Catalan"}
LANGUAGE_CODE = {v: k for k, v in LANGUAGES.items()}

task("codes/language-code-to-name", "ISO 639-1 language code to the language's English name.",
     lambda s: LANGUAGES[s],
     ["de", "ja", "es"],
     ["fr", "zh", "sv", "ko", "nl", "el", "he", "uk"])

task("codes/language-name-to-code", "Language name to its ISO 639-1 code.",
     lambda s: LANGUAGE_CODE[s],
     ["German", "Japanese", "Spanish"],
     ["Dutch", "Greek", "Chinese", "Portuguese", "Hindi", "Arabic", "Catalan", "Irish"])


def c_locale(s):
    lang, region = s.split("-")
    return f"{LANGUAGES[lang]} ({BY_A2[region][2]})"


task("codes/locale-tag-to-display-name",
     "A language-region locale tag (BCP 47) to 'Language (Country)'.", c_locale,
     ["pt-BR", "en-GB", "fr-CA"],
     ["de-AT", "es-MX", "nl-BE", "en-US", "sv-FI", "it-CH", "ar-EG", "fr-MA"])


def digits(s):
    return re.sub(r"\D", "", s)


def c_us_e164(s):
    d = digits(s)
    if len(d) == 10:
        d = "1" + d
    assert len(d) == 11 and d[0] == "1" and d[4:7] == "555" and d[7:9] == "01", s
    return "+" + d


task("codes/us-phone-to-e164", "US phone numbers in any layout normalised to E.164.", c_us_e164,
     ["(415) 555-0134", "212.555.0187", "1-312-555-0111"],
     ["415-555-0198", "(646) 555 0142", "+1 (202) 555-0165", "617 555 0100", "1 (305) 555-0177",
      "7135550123"])


def c_e164_us(s):
    d = digits(s)[1:]
    return f"({d[:3]}) {d[3:6]}-{d[6:]}"


task("codes/e164-to-us-national", "E.164 US numbers to the national (NXX) NXX-XXXX layout.", c_e164_us,
     ["+14155550134", "+12125550187", "+13125550111"],
     ["+16465550142", "+12025550165", "+16175550100", "+13055550177", "+17135550123"])


def c_us_intl(s):
    d = digits(s)[-10:]
    return f"+1 {d[:3]}-{d[3:6]}-{d[6:]}"


task("codes/us-phone-to-international-format",
     "US phone numbers to the international layout +1 NXX-NXX-XXXX.", c_us_intl,
     ["(415) 555-0134", "312.555.0111", "202-555-0165"],
     ["(646) 555-0142", "617 555 0100", "305.555.0177", "(713) 555-0123", "503-555-0190"])


def uk_nsn(s):
    d = digits(s)
    if d.startswith("44"):
        d = d[2:]
    if d.startswith("0"):
        d = d[1:]
    ok = (d.startswith("2079460") or d.startswith("7700900") or
          re.match(r"1(?:1[3-8]|[2-6]1)4960", d))
    assert ok and len(d) == 10, s
    return d


task("codes/uk-phone-to-e164", "UK phone numbers in national layout to E.164 (+44, no leading 0).",
     lambda s: "+44" + uk_nsn(s),
     ["020 7946 0123", "0161 496 0456", "07700 900789"],
     ["020 7946 0999", "0113 496 0012", "07700 900461", "0121 496 0734", "0141 496 0550",
      "(0131) 496 0808"])


def c_uk_national(s):
    n = uk_nsn(s)
    if n.startswith("2"):
        return f"0{n[:2]} {n[2:6]} {n[6:]}"
    if n.startswith("7"):
        return f"0{n[:4]} {n[4:]}"
    return f"0{n[:3]} {n[3:6]} {n[6:]}"


task("codes/e164-to-uk-national",
     "E.164 UK numbers to the usual national layout (020 xxxx xxxx, 0161 xxx xxxx, 07700 xxxxxx).",
     c_uk_national,
     ["+442079460123", "+441614960456", "+447700900789"],
     ["+442079460999", "+441134960012", "+447700900461", "+441214960734", "+441414960550",
      "+441174960321"])

# IANA time zone names whose city is the city asked for (checked against tzdata's zone1970.tab).
ZONES = {"Paris": "Europe/Paris", "Tokyo": "Asia/Tokyo", "New York": "America/New_York",
         "Chicago": "America/Chicago", "Sydney": "Australia/Sydney", "Berlin": "Europe/Berlin",
         "Los Angeles": "America/Los_Angeles", "Cairo": "Africa/Cairo",
         "Mexico City": "America/Mexico_City", "London": "Europe/London",
         "Nairobi": "Africa/Nairobi", "Seoul": "Asia/Seoul", "Hong Kong": "Asia/Hong_Kong",
         "Toronto": "America/Toronto", "Madrid": "Europe/Madrid", "Denver": "America/Denver"}

task("codes/city-to-iana-time-zone",
     "A major city to its IANA time zone name (Area/City, spaces as underscores).",
     lambda s: ZONES[s],
     ["Paris", "Tokyo", "New York"],
     ["Chicago", "Sydney", "Berlin", "Los Angeles", "Cairo", "Mexico City", "Hong Kong", "Toronto"])

task("codes/country-to-cctld",
     "Country name to its country-code top-level domain (the UK uses .uk).",
     lambda s: "." + ("uk" if BY_NAME[s][0] == "GB" else BY_NAME[s][0].lower()),
     ["Germany", "United Kingdom", "Switzerland"],
     ["Japan", "Austria", "Spain", "Sweden", "Denmark", "South Africa", "Chile", "Portugal"])

AIRPORTS = {"LHR": "London", "JFK": "New York", "CDG": "Paris", "NRT": "Tokyo", "LAX": "Los Angeles",
            "FRA": "Frankfurt", "AMS": "Amsterdam", "MAD": "Madrid", "FCO": "Rome",
            "SFO": "San Francisco", "ORD": "Chicago", "SYD": "Sydney", "DXB": "Dubai",
            "SIN": "Singapore", "YYZ": "Toronto", "MUC": "Munich", "ZRH": "Zurich",
            "BCN": "Barcelona", "DUB": "Dublin", "CPH": "Copenhagen", "ARN": "Stockholm",
            "LIS": "Lisbon", "VIE": "Vienna", "HKG": "Hong Kong", "ICN": "Seoul",
            "BOS": "Boston", "SEA": "Seattle", "ATL": "Atlanta", "MEX": "Mexico City"}


def c_route(s):
    a, b = s.split("-")
    return f"{AIRPORTS[a]} to {AIRPORTS[b]}"


task("codes/flight-route-airport-codes-to-cities",
     "A flight route of IATA airport codes to the cities served.", c_route,
     ["LHR-JFK", "CDG-NRT", "ORD-FRA"],
     ["LAX-SYD", "AMS-MAD", "FCO-DXB", "SFO-SIN", "YYZ-MUC", "ZRH-BCN", "DUB-BOS", "ARN-ICN"])


def c_email_country(s):
    return CCTLD[s.rsplit(".", 1)[1]]


task("codes/email-cctld-to-country",
     "The country of an e-mail address's country-code top-level domain.", c_email_country,
     ["anna.schmidt@firma.de", "j.smith@company.co.uk", "marie@societe.fr"],
     ["kenji@shop.jp", "info@weingut.at", "ventas@empresa.es", "lars@bolag.se",
      "support@store.com.au", "hello@studio.ch", "office@kancelaria.pl", "contact@agence.be"])

# ---------------------------------------------------------------------------------------
# checksums
# ---------------------------------------------------------------------------------------


def luhn_sum(ds):
    total = 0
    for i, ch in enumerate(reversed(ds)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total


def luhn_valid(s):
    return luhn_sum(digits(s)) % 10 == 0


def luhn_digit(s):
    return str((10 - luhn_sum(digits(s) + "0") % 10) % 10)


task("checksums/luhn-append-check-digit",
     "A member number with its Luhn (mod 10) check digit appended.",
     lambda s: s + luhn_digit(s),
     ["7992739871", "4419022835", "10020045"],
     ["5512340087", "3300918264", "80001427", "1234567890", "6047710053", "271828182"])

task("checksums/card-number-luhn-valid",
     "Whether a card number passes the Luhn check: 'valid' or 'invalid'.",
     lambda s: "valid" if luhn_valid(s) else "invalid",
     ["4111 1111 1111 1111", "4111 1111 1111 1112", "5555 5555 5555 4444"],
     ["4012 8888 8888 1881", "5105 1051 0510 5106", "3782 822463 10005", "6011 1111 1111 1117",
      "4012 8888 8888 1818", "3714 496353 98431", "3530 1113 3330 0001"])


def card_brand(s):
    d = digits(s)
    if d[0] == "4":
        return "Visa"
    if d[:2] in ("34", "37"):
        return "American Express"
    if 51 <= int(d[:2]) <= 55 or 2221 <= int(d[:4]) <= 2720:
        return "Mastercard"
    raise ValueError(s)


task("checksums/card-brand-from-number", "The card network of a (test) card number from its leading digits.",
     card_brand,
     ["4111 1111 1111 1111", "5555 5555 5555 4444", "3782 822463 10005"],
     ["4012 8888 8888 1881", "5105 1051 0510 5100", "3714 496353 98431", "5200 8282 8282 8210",
      "4000 0566 5566 5556", "3787 344936 71000"])

task("checksums/imei-check-digit", "A 14-digit IMEI body completed with its Luhn check digit.",
     lambda s: s + luhn_digit(s),
     ["49015420323751", "35209900176148", "86471904221337"],
     ["35693803564380", "01326300112233", "35875711002894", "49015411234567", "35391805447921"])


def isbn10_check(body):
    d = digits(body)
    assert len(d) == 9
    r = (11 - sum((10 - i) * int(c) for i, c in enumerate(d)) % 11) % 11
    return "X" if r == 10 else str(r)


def isbn13_check(body):
    d = digits(body)
    assert len(d) == 12
    return str((10 - sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(d)) % 10) % 10)


def isbn10_valid(s):
    d = s.replace("-", "").upper()
    return len(d) == 10 and isbn10_check(d[:9]) == d[9]


def isbn13_valid(s):
    d = s.replace("-", "")
    return len(d) == 13 and isbn13_check(d[:12]) == d[12]


ISBN10_BODIES = ["0-306-40615", "0-8044-2957", "0-14-044913", "0-262-03384", "0-13-110362",
                 "0-201-63361", "3-16-148410", "0-19-852663", "1-4028-9462", "0-596-52068",
                 "0-7432-7356", "2-07-036822", "84-376-0494", "0-316-76948", "0-452-28423",
                 "88-04-59174", "0-399-50148"]


def isbn10_full(body):
    return body + "-" + isbn10_check(body)


def isbn_10_to_13(s):
    body = "978-" + s[:-1]
    return body + isbn13_check(body)


task("checksums/isbn10-to-isbn13",
     "A hyphenated ISBN-10 to the ISBN-13 (978 prefix, new check digit), keeping the hyphens.",
     isbn_10_to_13,
     [isbn10_full(b) for b in ["0-306-40615", "0-8044-2957", "0-14-044913"]],
     [isbn10_full(b) for b in ["0-262-03384", "0-13-110362", "0-201-63361", "3-16-148410",
                               "0-19-852663", "84-376-0494"]])


def isbn_13_to_10(s):
    body = s[3:12]
    return body + isbn10_check(body)


task("checksums/isbn13-to-isbn10",
     "An ISBN-13 starting 978 (digits only) to the ISBN-10 with its own check digit.",
     isbn_13_to_10,
     [isbn_10_to_13(isbn10_full(b)).replace("-", "") for b in
      ["0-306-40615", "0-14-044913", "0-8044-2957"]],
     [isbn_10_to_13(isbn10_full(b)).replace("-", "") for b in
      ["0-596-52068", "0-7432-7356", "2-07-036822", "0-316-76948", "0-452-28423", "1-4028-9462"]])

task("checksums/isbn10-add-check-digit",
     "The first nine digits of a hyphenated ISBN-10 completed with its check character (0-9 or X).",
     isbn10_full,
     ["0-306-40615", "0-14-044913", "0-8044-2957"],
     ["0-262-03384", "0-13-110362", "3-16-148410", "88-04-59174", "0-399-50148", "1-4028-9462"])


def flip_last(s, new):
    return s[:-1] + new


ISBN13_SAMPLES = [isbn_10_to_13(isbn10_full(b)) for b in ISBN10_BODIES]

task("checksums/isbn13-validate", "Whether a hyphenated ISBN-13 has a correct check digit.",
     lambda s: "valid" if isbn13_valid(s) else "invalid",
     [ISBN13_SAMPLES[0], flip_last(ISBN13_SAMPLES[2], "2"), ISBN13_SAMPLES[5]],
     [ISBN13_SAMPLES[3], flip_last(ISBN13_SAMPLES[4], "0"), ISBN13_SAMPLES[6], ISBN13_SAMPLES[8],
      flip_last(ISBN13_SAMPLES[9], "5"), "978-0-306-40651-7", ISBN13_SAMPLES[12]])

task("checksums/isbn10-validate",
     "Whether a hyphenated ISBN-10 (check character 0-9 or X) is valid.",
     lambda s: "valid" if isbn10_valid(s) else "invalid",
     [isbn10_full("0-306-40615"), "0-306-40615-7", isbn10_full("0-8044-2957")],
     [isbn10_full("0-14-044913"), "0-14-044931-6", isbn10_full("0-262-03384"), "0-13-110362-X",
      isbn10_full("0-452-28423"), "0-596-52068-1", isbn10_full("84-376-0494")])


def ean13_digit(s):
    return isbn13_check(s)


task("checksums/ean13-add-check-digit", "The first 12 digits of an EAN-13 barcode completed with its check digit.",
     lambda s: s + ean13_digit(s),
     ["400638133393", "590123412345", "501234567890"],
     ["871125300120", "761234567890", "300760014001", "841003920001", "412345678901", "950110153000"])

EAN_SAMPLES = [b + ean13_digit(b) for b in ["400638133393", "590123412345", "501234567890",
                                            "871125300120", "761234567890", "300760014001",
                                            "841003920001", "412345678901"]]

task("checksums/ean13-validate", "Whether an EAN-13 barcode number has a correct check digit.",
     lambda s: "valid" if isbn13_valid(s) else "invalid",
     [EAN_SAMPLES[0], flip_last(EAN_SAMPLES[1], "5"), EAN_SAMPLES[2]],
     [EAN_SAMPLES[3], EAN_SAMPLES[4], flip_last(EAN_SAMPLES[5], "0"), EAN_SAMPLES[6],
      flip_last(EAN_SAMPLES[7], "4"), "4006381333913"])


def upc_digit(s):
    total = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(s))
    return str((10 - total % 10) % 10)


task("checksums/upc-a-add-check-digit", "An 11-digit UPC-A number completed with its check digit.",
     lambda s: s + upc_digit(s),
     ["03600029145", "04210000526", "01234567890"],
     ["07038638125", "88500105030", "04963406271", "01800025770", "61414100003", "72527273070"])


def iban_valid(s):
    s = s.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", s):
        return False
    r = s[4:] + s[:4]
    n = "".join(str(int(c, 36)) for c in r)
    return int(n) % 97 == 1


def iban_with_check(country, bban):
    r = bban + country + "00"
    n = "".join(str(int(c, 36)) for c in r)
    return f"{country}{98 - int(n) % 97:02d}{bban}"


def group4(s):
    s = s.replace(" ", "")
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


# Published specimen IBANs (bank and standards documentation examples).
IBANS = ["GB82WEST12345698765432", "DE89370400440532013000", "FR1420041010050500013M02606",
         "NL91ABNA0417164300", "ES9121000418450200051332", "IT60X0542811101000000123456",
         "CH9300762011623852957", "BE68539007547034", "AT611904300234573201",
         "DK5000400440116243", "FI2112345600000785", "NO9386011117947", "PL61109010140000071219812874",
         "IE29AIBK93115212345678", "SE4550000000058398257466"]

task("checksums/iban-validate",
     "Whether an IBAN (printed in groups of four) passes the ISO 13616 mod-97 check.",
     lambda s: "valid" if iban_valid(s) else "invalid",
     [group4(IBANS[0]), group4("GB82WEST12345698765423"), group4(IBANS[1])],
     [group4(IBANS[2]), group4(IBANS[3]), group4("ES9121000418450200051323"), group4(IBANS[6]),
      group4("BE68539007547043"), group4(IBANS[8]), group4("NL91ABNA0417164030")])

task("checksums/iban-print-format",
     "An IBAN in electronic form to print form: groups of four characters.", group4,
     [IBANS[1], IBANS[0], IBANS[7]],
     [IBANS[2], IBANS[3], IBANS[4], IBANS[5], IBANS[6], IBANS[11], IBANS[12]])

task("checksums/iban-from-country-and-bban",
     "Country code and domestic account number (BBAN) to the full IBAN with computed check digits.",
     iban_with_check,
     [("DE", "370400440532013000"), ("GB", "WEST12345698765432"), ("NL", "ABNA0417164300")],
     [("FR", "20041010050500013M02606"), ("ES", "21000418450200051332"), ("BE", "539007547034"),
      ("AT", "1904300234573201"), ("CH", "00762011623852957"), ("IE", "AIBK93115212345678")])

RNG = random.Random(20240521)
UUID_INTS = [RNG.getrandbits(128) for _ in range(20)]
UUID4 = [uuid.UUID(int=n, version=4) for n in UUID_INTS]


task("checksums/uuid-hex-to-canonical",
     "32 hexadecimal digits to the canonical lower-case 8-4-4-4-12 UUID form.",
     lambda s: str(uuid.UUID(hex=s)),
     [UUID4[0].hex.upper(), UUID4[1].hex, UUID4[2].hex.upper()],
     [u.hex.upper() if i % 2 else u.hex for i, u in enumerate(UUID4[3:9])])

task("checksums/uuid-to-guid-braces",
     "A lower-case UUID to the upper-case Windows registry GUID form in braces.",
     lambda s: "{" + s.upper() + "}",
     [str(u) for u in UUID4[9:12]],
     [str(u) for u in UUID4[12:18]])


def uuid_v7(ms, rand):
    n = (ms << 80) | (7 << 76) | ((rand >> 62) & 0xFFF) << 64 | (2 << 62) | (rand & ((1 << 62) - 1))
    return uuid.UUID(int=n)


def uuid_v1(seed):
    return uuid.UUID(int=seed, version=1)


UUID_MIX = [
    UUID4[18],                                                   # v4
    uuid.uuid5(uuid.NAMESPACE_DNS, "gemfill.example.org"),      # v5
    uuid_v1(UUID_INTS[19]),                                      # v1
    uuid_v7(1716300000000, UUID_INTS[5]),                        # v7
    uuid.uuid3(uuid.NAMESPACE_URL, "https://example.com/orders/1042"),  # v3
    uuid.uuid5(uuid.NAMESPACE_URL, "https://example.com/products/77"),  # v5
    uuid_v7(1700000000123, UUID_INTS[6]),                        # v7
    UUID4[3],                                                    # v4
    uuid_v1(UUID_INTS[7]),                                       # v1
]

task("checksums/uuid-version", "The version number of a UUID (the first digit of its third group).",
     lambda s: s.split("-")[2][0],
     [str(UUID_MIX[0]), str(UUID_MIX[1]), str(UUID_MIX[2])],
     [str(u) for u in UUID_MIX[3:]])

VIN_VALUES = dict(zip("ABCDEFGH", range(1, 9)))
VIN_VALUES.update(dict(zip("JKLMN", range(1, 6))))
VIN_VALUES.update({"P": 7, "R": 9})
VIN_VALUES.update(dict(zip("STUVWXYZ", range(2, 10))))
VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]


def vin_check(vin):
    total = sum((int(c) if c.isdigit() else VIN_VALUES[c]) * w for c, w in zip(vin, VIN_WEIGHTS))
    r = total % 11
    return "X" if r == 10 else str(r)


def vin_make(template):
    """template has '?' in position 9 (the check digit)."""
    return template[:8] + vin_check(template.replace("?", "0")) + template[9:]


VINS = [vin_make(t) for t in ["1HGCM826?3A004352", "1VWSA7A3?LC011823", "JTDKB20U?67534129",
                              "5YJ3E1EA?KF317045", "1FTFW1EF?EKE57182", "WBA8E9G5?GNT43210",
                              "2T1BURHE?FC389102", "3VW2B7AJ?HM204511", "1G1ZD5ST?LF052233",
                              "KMHD84LF?HU367411"]]


def vin_wrong(v):
    c = v[8]
    return v[:8] + ("3" if c != "3" else "5") + v[9:]


task("checksums/vin-check-digit-validate",
     "Whether a North American 17-character VIN has a correct check digit (position 9).",
     lambda s: "valid" if vin_check(s) == s[8] else "invalid",
     ["1M8GDM9AXKP042788", vin_wrong(VINS[0]), VINS[1]],
     [VINS[2], vin_wrong(VINS[3]), VINS[4], VINS[5], vin_wrong(VINS[6]), VINS[7],
      vin_wrong(VINS[8]), VINS[9]])


def aba_valid(s):
    d = [int(c) for c in s]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0


def aba_make(prefix8):
    for c in "0123456789":
        if aba_valid(prefix8 + c):
            return prefix8 + c


ABA = [aba_make(p) for p in ["02100002", "01100001", "12100035", "26107339", "07100001",
                             "11190002", "32227014", "06100015", "10200007", "04400001"]]

task("checksums/aba-routing-number-validate",
     "Whether a US bank routing (ABA) number passes its 3-7-1 weighted checksum.",
     lambda s: "valid" if aba_valid(s) else "invalid",
     [ABA[0], ABA[1][:-1] + str((int(ABA[1][-1]) + 4) % 10), ABA[2]],
     [ABA[3], ABA[4], ABA[5][:-1] + str((int(ABA[5][-1]) + 1) % 10), ABA[6], ABA[7],
      ABA[8][:-2] + ABA[8][-1] + ABA[8][-2], ABA[9]])


def isin_digit(body):
    expanded = "".join(str(int(c, 36)) for c in body)
    return luhn_digit(expanded)


task("checksums/isin-add-check-digit",
     "An 11-character ISIN body (country code and national number) completed with its check digit.",
     lambda s: s + isin_digit(s),
     ["US037833100", "DE000716460", "US88160R101"],
     ["US594918104", "CH003886335", "GB000263494", "JP363340000", "NL001027321", "FR000012027",
      "US023135106"])


def issn_check(body):
    d = digits(body)
    r = (11 - sum(int(c) * w for c, w in zip(d, range(8, 1, -1))) % 11) % 11
    return "X" if r == 10 else str(r)


task("checksums/issn-add-check-digit",
     "The first seven digits of an ISSN (NNNN-NNN) completed with its check character.",
     lambda s: s + issn_check(s),
     ["0028-083", "0378-595", "2049-369"],
     ["0036-807", "0140-673", "0031-900", "1476-468", "0098-748", "1932-620"])


def nhs_valid(s):
    d = digits(s)
    r = 11 - sum(int(c) * w for c, w in zip(d[:9], range(10, 1, -1))) % 11
    r = 0 if r == 11 else r
    return r != 10 and r == int(d[9])


def nhs_make(body):
    for c in "0123456789":
        if nhs_valid(body + c):
            return f"{body[:3]} {body[3:6]} {body[6:]}{c}"
    return None


NHS = [n for n in (nhs_make(b) for b in ["943476591", "401023213", "485777345", "622301784",
                                          "738294015", "450557710", "912066834", "564301287",
                                          "999000112"]) if n]


def nhs_wrong(n):
    return n[:-1] + str((int(n[-1]) + 3) % 10)


task("checksums/nhs-number-validate",
     "Whether a UK NHS number (3-3-4 digits) passes its modulus 11 check.",
     lambda s: "valid" if nhs_valid(s) else "invalid",
     [NHS[0], nhs_wrong(NHS[1]), NHS[2]],
     [NHS[3], nhs_wrong(NHS[4]), NHS[5], NHS[1], nhs_wrong(NHS[6]), NHS[7]])

# ---------------------------------------------------------------------------------------
# web
# ---------------------------------------------------------------------------------------

task("web/url-host", "The host name of a URL (without port or credentials).",
     lambda s: urllib.parse.urlsplit(s).hostname,
     ["https://shop.example.com/cart?id=3", "http://localhost:8080/health",
      "https://www.bbc.co.uk:443/news/technology"],
     ["https://docs.python.org/3/library/", "ftp://files.example.org/pub/readme.txt",
      "https://api.github.com/repos?page=2", "http://intranet.corp.example:8443/login",
      "https://en.wikipedia.org/wiki/Flash_Fill#History", "https://example.net"])

MULTI_SUFFIXES = {"co.uk", "org.uk", "ac.uk", "com.au", "net.au", "co.jp", "com.br", "co.nz", "co.za"}


def w_registrable(s):
    host = urllib.parse.urlsplit(s).hostname
    labels = host.split(".")
    if ".".join(labels[-2:]) in MULTI_SUFFIXES:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


task("web/url-registrable-domain",
     "The registrable domain of a URL's host (one label under its public suffix, e.g. bbc.co.uk).",
     w_registrable,
     ["https://news.bbc.co.uk/sport", "https://mail.google.com/mail/u/0", "http://a.b.example.org/x"],
     ["https://www.amazon.co.jp/dp/B0C1", "https://shop.example.com/cart", "https://www.abc.net.au/news",
      "https://cdn.assets.example.com.au/img.png", "https://www.ox.ac.uk/admissions",
      "https://store.steampowered.com/app/620", "https://maps.example.co.nz/"])

task("web/url-path", "The path of a URL, without query string or fragment.",
     lambda s: urllib.parse.urlsplit(s).path,
     ["https://shop.example.com/products/shoes?size=42", "https://example.org/",
      "https://docs.example.com/guide/install.html#linux"],
     ["https://api.example.com/v2/users/17/orders?limit=10", "http://example.net/a/b/c/",
      "https://blog.example.com/2024/05/hello-world", "https://example.com/search?q=gemfill",
      "https://cdn.example.com/img/logo.svg#icon"])


def w_filename(s):
    return urllib.parse.urlsplit(s).path.rsplit("/", 1)[1]


task("web/url-file-name", "The file name at the end of a URL's path (no query string).",
     w_filename,
     ["https://cdn.example.com/img/2024/logo-dark.svg?v=3", "https://example.org/docs/report.pdf",
      "http://files.example.net/pub/archive.tar.gz#sha256"],
     ["https://example.com/downloads/setup-2.1.0.exe", "https://static.example.com/css/main.min.css?hash=ab12",
      "https://example.org/data/2023/census.csv", "https://media.example.com/video/intro.mp4#t=30",
      "ftp://ftp.example.com/pub/README"])


def w_query_param(url, name):
    return urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)[name][0]


task("web/url-query-parameter",
     "The decoded value of the named query parameter of a URL (second column names it).",
     w_query_param,
     [("https://shop.example.com/search?q=running+shoes&page=2", "q"),
      ("https://example.com/track?utm_source=newsletter&utm_campaign=spring%20sale", "utm_campaign"),
      ("https://example.com/watch?v=dQw4w9WgXcQ&t=42", "t")],
     [("https://shop.example.com/search?q=rain+jacket&page=3", "page"),
      ("https://example.com/track?utm_source=twitter&utm_medium=social", "utm_source"),
      ("https://maps.example.com/?lat=48.8584&lon=2.2945&zoom=15", "lon"),
      ("https://example.org/login?next=%2Faccount%2Fsettings", "next"),
      ("https://shop.example.com/search?q=caf%C3%A9+cups&sort=price", "q"),
      ("https://example.com/report?year=2024&region=EMEA", "region")])


def w_utm(s):
    return urllib.parse.parse_qs(urllib.parse.urlsplit(s).query).get("utm_campaign", [""])[0]


task("web/utm-campaign-from-landing-url",
     "The utm_campaign value (decoded) of an analytics landing-page URL.", w_utm,
     ["https://example.com/?utm_source=google&utm_medium=cpc&utm_campaign=black_friday",
      "https://example.com/pricing?utm_campaign=Spring%20Sale%202024&utm_source=newsletter",
      "https://example.com/blog/post?ref=home&utm_campaign=launch-week&utm_medium=email"],
     ["https://example.com/?utm_campaign=cyber_monday&utm_source=facebook",
      "https://example.com/signup?utm_source=bing&utm_campaign=Brand%20Terms",
      "https://example.com/?utm_medium=social&utm_campaign=summer-2024&utm_content=video",
      "https://example.com/features?utm_campaign=webinar%2Fq3&utm_source=linkedin",
      "https://example.com/?utm_campaign=retargeting+EU&utm_medium=display"])

task("web/url-fragment", "The fragment (after #) of a URL.",
     lambda s: urllib.parse.urlsplit(s).fragment,
     ["https://en.wikipedia.org/wiki/Python_(programming_language)#History",
      "https://docs.example.com/api.html#authentication", "https://example.com/faq?lang=en#shipping-costs"],
     ["https://example.org/guide#step-3", "https://example.com/page?x=1#top",
      "https://docs.python.org/3/library/re.html#re.sub", "https://example.net/#contact",
      "https://github.com/org/repo/blob/main/README.md#installation"])

DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21, "ws": 80, "wss": 443, "ssh": 22}


def w_port(s):
    p = urllib.parse.urlsplit(s)
    return str(p.port or DEFAULT_PORTS[p.scheme])


task("web/url-port-with-default", "The port a URL connects to: the explicit one or the scheme's default.",
     w_port,
     ["https://example.com/login", "http://localhost:8080/", "http://example.org/index.html"],
     ["https://api.example.com:8443/v1", "ftp://files.example.com/pub/", "https://shop.example.com/",
      "http://intranet.example:3000/dashboard", "wss://stream.example.com/feed", "http://example.net/"])


def w_origin(s):
    p = urllib.parse.urlsplit(s)
    port = p.port
    host = p.hostname
    if port and port != DEFAULT_PORTS[p.scheme]:
        return f"{p.scheme}://{host}:{port}"
    return f"{p.scheme}://{host}"


task("web/url-origin",
     "The origin of a URL: scheme, host and the port only when it is not the scheme's default.",
     w_origin,
     ["https://shop.example.com/cart?id=3", "http://localhost:8080/api/v1", "https://example.org:443/login"],
     ["https://api.example.com:8443/v1/users", "http://example.net:80/index.html",
      "https://docs.example.com/guide#intro", "http://127.0.0.1:5000/", "https://example.com:444/"])


def w_email_domain(s):
    return re.search(r"<[^@>]+@([^>]+)>", s).group(1)


task("web/email-domain-from-display-address",
     "The domain of the address in a 'Name <address>' e-mail header.", w_email_domain,
     ["Ada Lovelace <ada@analytical.example.org>", "\"Smith, John\" <john.smith@corp.example.com>",
      "Support Team <help@example.co.uk>"],
     ["Grace Hopper <grace.hopper@navy.example.mil>", "Zoë Kim <zoe@studio.example>",
      "\"Doe, Jane\" <jdoe@mail.example.net>", "Billing <billing+invoices@shop.example.com>",
      "Alan Turing <alan@bletchley.example.org.uk>"])


def w_gmail(s):
    local, domain = s.lower().split("@")
    local = local.split("+")[0].replace(".", "")
    return f"{local}@gmail.com"


task("web/gmail-canonical-address",
     "A Gmail address reduced to its canonical mailbox: lower case, dots and +tags removed.", w_gmail,
     ["John.Smith+news@gmail.com", "a.n.n.a@gmail.com", "MaxMustermann+shop@gmail.com"],
     ["jane.doe@gmail.com", "Peter.Parker+spam@gmail.com", "l.i.n.d.a+2024@gmail.com",
      "ZOE.KIM@gmail.com", "tom+work.mail@gmail.com"])

task("web/ipv6-compress", "An IPv6 address to its shortest (RFC 5952) form.",
     lambda s: ipaddress.IPv6Address(s).compressed,
     ["2001:0db8:0000:0000:0000:ff00:0042:8329", "fe80:0000:0000:0000:0202:b3ff:fe1e:8329",
      "fd00:0000:0000:0001:0000:0000:0000:00ab"],
     ["2001:0db8:85a3:0000:0000:8a2e:0370:7334", "0000:0000:0000:0000:0000:0000:0000:0001",
      "2001:0db8:0001:0000:0000:0000:0000:0000", "2001:0db8:0000:0000:0000:0000:0000:0001",
      "2001:0db8:0a0b:12f0:0000:0000:0000:0001", "fd12:3456:0000:0000:0000:0000:0000:0053"])

task("web/ipv6-expand", "An IPv6 address to its full form: eight groups of four hex digits.",
     lambda s: ipaddress.IPv6Address(s).exploded,
     ["2001:db8::ff00:42:8329", "fe80::1", "::1"],
     ["2001:db8:85a3::8a2e:370:7334", "2001:db8::", "fd00::1:0:0:ab", "2001:db8:0:42::7334",
      "fe80::202:b3ff:fe1e:8329"])

task("web/ipv4-reverse-dns-name", "An IPv4 address to its reverse-DNS (PTR) name under in-addr.arpa.",
     lambda s: ipaddress.IPv4Address(s).reverse_pointer,
     ["192.0.2.10", "198.51.100.7", "203.0.113.254"],
     ["10.1.2.3", "192.168.0.1", "172.16.40.12", "198.51.100.200", "203.0.113.5"])

task("web/ipv6-reverse-dns-name", "An IPv6 address to its reverse-DNS (PTR) name under ip6.arpa.",
     lambda s: ipaddress.IPv6Address(s).reverse_pointer,
     ["2001:db8::1", "2001:db8:85a3::8a2e:370:7334", "fe80::2"],
     ["2001:db8::ff00:42:8329", "::1", "2001:db8:1::abcd", "fd00::53", "2001:db8:0:8::a"])


def net(s):
    return ipaddress.ip_network(s, strict=False)


task("web/cidr-last-address", "The last (broadcast) address of an IPv4 CIDR block.",
     lambda s: str(net(s).broadcast_address),
     ["10.0.0.0/24", "192.168.4.0/22", "172.16.0.0/12"],
     ["10.1.2.0/25", "192.168.1.64/26", "10.0.0.0/8", "203.0.113.0/28", "198.51.100.128/30",
      "172.20.0.0/16"])

task("web/cidr-netmask", "The dotted-decimal netmask of an IPv4 CIDR block.",
     lambda s: str(net(s).netmask),
     ["192.168.1.0/26", "10.0.0.0/8", "172.16.0.0/20"],
     ["10.1.0.0/16", "192.168.10.0/24", "203.0.113.0/29", "10.20.0.0/14", "198.51.100.0/27",
      "172.31.255.252/30"])


def w_hosts(s):
    n = net(s)
    return str(n.num_addresses - 2)


task("web/cidr-usable-hosts", "The number of usable host addresses in an IPv4 CIDR block.",
     w_hosts,
     ["10.0.0.0/24", "192.168.1.0/30", "172.16.0.0/16"],
     ["10.0.0.0/25", "192.168.0.0/22", "203.0.113.0/28", "10.0.0.0/8", "198.51.100.0/27",
      "172.20.0.0/20"])


def w_range(s):
    n = net(s)
    return f"{n.network_address} - {n.broadcast_address}"


task("web/cidr-address-range", "The first and last address of an IPv4 CIDR block.", w_range,
     ["10.0.0.0/22", "192.168.1.128/25", "172.16.0.0/12"],
     ["10.10.0.0/16", "192.168.100.0/24", "203.0.113.16/28", "10.0.0.0/8", "198.51.100.64/26"])


def w_mask_prefix(s):
    addr, mask = s.split()
    n = ipaddress.IPv4Network(f"{addr}/{mask}")
    return str(n)


task("web/netmask-to-cidr", "An IPv4 network and dotted netmask to CIDR notation.", w_mask_prefix,
     ["192.168.1.0 255.255.255.0", "10.0.0.0 255.0.0.0", "172.16.32.0 255.255.240.0"],
     ["10.1.0.0 255.255.0.0", "192.168.10.64 255.255.255.192", "203.0.113.0 255.255.255.248",
      "10.20.0.0 255.252.0.0", "198.51.100.0 255.255.255.224"])


def w_in_subnet(ip, cidr):
    return "yes" if ipaddress.IPv4Address(ip) in net(cidr) else "no"


task("web/ip-in-subnet", "Whether an IPv4 address lies in a CIDR block: 'yes' or 'no'.", w_in_subnet,
     [("192.168.1.42", "192.168.1.0/24"), ("10.0.5.1", "10.0.4.0/23"), ("172.16.5.4", "172.16.4.0/23")],
     [("192.168.2.1", "192.168.1.0/24"), ("10.0.6.1", "10.0.4.0/23"), ("10.200.3.4", "10.0.0.0/8"),
      ("203.0.113.17", "203.0.113.0/28"), ("203.0.113.15", "203.0.113.0/28"),
      ("172.32.0.1", "172.16.0.0/12")])

RFC1918 = [ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")]


def w_private(s):
    a = ipaddress.IPv4Address(s)
    return "private" if any(a in n for n in RFC1918) else "public"


task("web/ipv4-private-or-public",
     "Whether an IPv4 address is in an RFC 1918 private range or public.", w_private,
     ["192.168.0.14", "8.8.8.8", "172.20.5.1"],
     ["10.20.30.40", "172.31.255.1", "172.32.0.1", "1.1.1.1", "192.169.1.1", "10.0.0.1",
      "172.15.0.9"])

task("web/ipv4-to-integer", "A dotted IPv4 address to its 32-bit unsigned integer value.",
     lambda s: str(int(ipaddress.IPv4Address(s))),
     ["192.168.1.1", "10.0.0.1", "0.0.1.0"],
     ["127.0.0.1", "8.8.8.8", "255.255.255.255", "172.16.0.10", "203.0.113.7"])


def w_ua_browser(s):
    for pat, name in ((r"Edg/(\d+)", "Edge"), (r"Firefox/(\d+)", "Firefox"),
                      (r"Chrome/(\d+)", "Chrome")):
        m = re.search(pat, s)
        if m:
            return f"{name} {m.group(1)}"
    raise ValueError(s)


UA_CHROME_WIN = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                 "Chrome/{v}.0.0.0 Safari/537.36")
UA_CHROME_MAC = ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
                 "Chrome/{v}.0.0.0 Safari/537.36")
UA_CHROME_ANDROID = ("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
                     "Chrome/{v}.0.0.0 Mobile Safari/537.36")
UA_FIREFOX_WIN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:{v}.0) Gecko/20100101 Firefox/{v}.0"
UA_FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:{v}.0) Gecko/20100101 Firefox/{v}.0"
UA_EDGE_WIN = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
               "Chrome/{v}.0.0.0 Safari/537.36 Edg/{v}.0.{b}.{p}")

task("web/user-agent-browser-and-major-version",
     "The browser (Chrome, Firefox or Edge) and its major version from a User-Agent string.",
     w_ua_browser,
     [UA_CHROME_WIN.format(v=124), UA_FIREFOX_WIN.format(v=125),
      UA_EDGE_WIN.format(v=124, b=2478, p=51)],
     [UA_CHROME_MAC.format(v=123), UA_FIREFOX_LINUX.format(v=115),
      UA_EDGE_WIN.format(v=120, b=2210, p=91), UA_CHROME_ANDROID.format(v=125),
      UA_CHROME_WIN.format(v=109), UA_FIREFOX_WIN.format(v=128)])


def w_mobile_os(s):
    m = re.search(r"Android (\d+(?:\.\d+)?)", s)
    if m:
        return f"Android {m.group(1)}"
    m = re.search(r"iPhone OS (\d+(?:_\d+)*)", s)
    return "iOS " + m.group(1).replace("_", ".")


UA_IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS {v} like Mac OS X) AppleWebKit/605.1.15 "
             "(KHTML, like Gecko) Version/{s} Mobile/15E148 Safari/604.1")
UA_ANDROID = ("Mozilla/5.0 (Linux; Android {v}; {dev}) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Chrome/{c}.0.0.0 Mobile Safari/537.36")

task("web/user-agent-mobile-os-version",
     "The mobile operating system and version from a phone's User-Agent string.", w_mobile_os,
     [UA_ANDROID.format(v="14", dev="Pixel 8", c=124), UA_IPHONE.format(v="17_4_1", s="17.4.1"),
      UA_ANDROID.format(v="10", dev="K", c=125)],
     [UA_IPHONE.format(v="16_6", s="16.6"), UA_ANDROID.format(v="13", dev="SM-S911B", c=123),
      UA_IPHONE.format(v="15_8_2", s="15.8.2"), UA_ANDROID.format(v="12", dev="moto g(60)", c=119),
      UA_IPHONE.format(v="17_0", s="17.0"), UA_ANDROID.format(v="9", dev="SM-J600F", c=110)])


def w_log_status(s):
    code = int(re.search(r'" (\d{3}) ', s).group(1))
    return HTTPStatus(code).phrase


LOG = '{ip} - - [21/May/2024:10:{m:02d}:{sec:02d} +0000] "{req}" {code} {size}'

task("web/access-log-status-phrase",
     "The HTTP reason phrase of the status code in a web server access-log line.", w_log_status,
     [LOG.format(ip="203.0.113.7", m=14, sec=2, req="GET /index.html HTTP/1.1", code=404, size=153),
      LOG.format(ip="198.51.100.23", m=14, sec=9, req="POST /api/login HTTP/1.1", code=200, size=512),
      LOG.format(ip="192.0.2.44", m=15, sec=30, req="GET /admin HTTP/1.1", code=403, size=199)],
     [LOG.format(ip="203.0.113.8", m=16, sec=1, req="GET /old-page HTTP/1.1", code=301, size=0),
      LOG.format(ip="198.51.100.2", m=16, sec=45, req="GET /api/orders HTTP/1.1", code=500, size=87),
      LOG.format(ip="192.0.2.19", m=17, sec=3, req="PUT /api/items/7 HTTP/1.1", code=201, size=64),
      LOG.format(ip="203.0.113.61", m=17, sec=20, req="GET /style.css HTTP/1.1", code=304, size=0),
      LOG.format(ip="198.51.100.9", m=18, sec=0, req="GET /health HTTP/1.1", code=503, size=19),
      LOG.format(ip="192.0.2.5", m=18, sec=12, req="GET /api/me HTTP/1.1", code=401, size=45),
      LOG.format(ip="203.0.113.90", m=19, sec=8, req="GET /promo HTTP/1.1", code=302, size=0)])

# Standard MIME types (IANA registrations; the values browsers and web servers use).
MIME = {"pdf": "application/pdf", "jpg": "image/jpeg", "json": "application/json",
        "png": "image/png", "csv": "text/csv", "html": "text/html", "mp4": "video/mp4",
        "zip": "application/zip", "svg": "image/svg+xml", "txt": "text/plain", "gif": "image/gif",
        "mp3": "audio/mpeg", "css": "text/css", "jpeg": "image/jpeg"}

task("web/file-name-to-mime-type", "A file name to the MIME type a web server sends for it.",
     lambda s: MIME[s.rsplit(".", 1)[1].lower()],
     ["report.pdf", "holiday-photo.jpg", "data.json"],
     ["logo.png", "export_2024.csv", "index.html", "intro.mp4", "backup.zip", "icon.svg",
      "notes.txt", "song.mp3"])

PORTS = {"443": "HTTPS", "22": "SSH", "5432": "PostgreSQL", "80": "HTTP", "25": "SMTP",
         "3306": "MySQL", "53": "DNS", "3389": "RDP", "6379": "Redis", "143": "IMAP",
         "21": "FTP", "27017": "MongoDB"}

task("web/well-known-port-to-service", "A well-known TCP port number to the service that uses it.",
     lambda s: PORTS[s],
     ["443", "22", "5432"],
     ["80", "25", "3306", "53", "3389", "6379", "143", "21"])


def w_mac(s):
    h = re.sub(r"[^0-9A-Fa-f]", "", s).lower()
    assert len(h) == 12
    return ":".join(h[i:i + 2] for i in range(0, 12, 2))


task("web/mac-address-normalise",
     "A MAC address in any common notation (dashes, Cisco dots, colons) to lower-case colon form.",
     w_mac,
     ["00-00-5E-00-53-2A", "0000.5e00.53ff", "02:42:AC:11:00:02"],
     ["00-00-5E-00-53-01", "0242.ac11.0003", "00:00:5E:00:53:AB", "3C-22-FB-7A-10-9E",
      "a4c3.f047.21d8"])

task("web/idn-to-punycode", "An internationalised domain name to its ASCII (Punycode) form.",
     lambda s: s.encode("idna").decode("ascii"),
     ["bücher.de", "münchen.de", "café.example"],
     ["köln.de", "zürich.ch", "blåbær.no", "españa.example", "göteborg.se"])

task("web/punycode-to-idn", "An ASCII (Punycode) domain name to its Unicode form.",
     lambda s: s.encode("ascii").decode("idna"),
     ["xn--bcher-kva.de", "xn--mnchen-3ya.de", "xn--caf-dma.example"],
     [d.encode("idna").decode("ascii") for d in
      ["köln.de", "zürich.ch", "blåbær.no", "españa.example", "ålesund.no"]])

# ---------------------------------------------------------------------------------------
# expressions
# ---------------------------------------------------------------------------------------


class Parser:
    """A small exact arithmetic parser: + - * / ^ and parentheses, unary minus, Fractions.

    ops maps surface operators to '+', '-', '*', '/', '^'."""

    def __init__(self, text, ops=None):
        ops = ops or {}
        toks = re.findall(r"\d+(?:\.\d+)?|[-+*/^()×]|x", text)
        assert "".join(toks) == re.sub(r"\s+", "", text), text
        self.toks = [ops.get(t, t) for t in toks]
        self.i = 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self):
        t = self.toks[self.i]
        self.i += 1
        return t

    def parse(self):
        v = self.expr()
        assert self.peek() is None
        return v

    def expr(self):
        v = self.term()
        while self.peek() in ("+", "-"):
            v = v + self.term() if self.take() == "+" else v - self.term()
        return v

    def term(self):
        v = self.power()
        while self.peek() in ("*", "/"):
            op = self.take()
            r = self.power()
            v = v * r if op == "*" else v / r
        return v

    def power(self):
        v = self.unary()
        if self.peek() == "^":
            self.take()
            e = self.power()
            assert e.denominator == 1
            return v ** int(e)
        return v

    def unary(self):
        if self.peek() == "-":
            self.take()
            return -self.unary()
        if self.peek() == "(":
            self.take()
            v = self.expr()
            assert self.take() == ")"
            return v
        return Fraction(self.take())


def ev(s, **ops):
    return Parser(s, ops).parse()


task("expressions/addition", "A sum typed into a cell, evaluated.",
     lambda s: exact(ev(s)),
     ["3+6", "12+30", "7+8"],
     ["25+17", "100+1", "9+9", "48+52", "0+5", "333+444"])

task("expressions/subtraction", "A difference typed into a cell, evaluated (may be negative).",
     lambda s: exact(ev(s)),
     ["10-4", "3-9", "100-1"],
     ["50-25", "7-12", "1000-999", "42-50", "80-8", "0-7"])

task("expressions/multiplication", "A product typed with * into a cell, evaluated.",
     lambda s: exact(ev(s)),
     ["2*6", "7*8", "12*12"],
     ["3*4", "9*9", "15*3", "25*4", "11*13", "6*0"])

task("expressions/multiplication-sign", "A product written with x or × between the numbers, evaluated.",
     lambda s: exact(ev(s, x="*", **{"×": "*"})),
     ["3 x 4", "7 × 6", "12 x 5"],
     ["9 × 9", "8 x 7", "15 × 4", "2 x 25", "11 × 11"])

task("expressions/division", "A quotient typed into a cell, evaluated exactly (decimals when needed).",
     lambda s: exact(ev(s)),
     ["10/4", "9/3", "7/8"],
     ["12/5", "100/8", "1/4", "45/9", "3/16", "81/2"])


def x_div2(s):
    return rnd(ev(s), 2)


task("expressions/division-two-decimals", "A quotient rounded to two decimals (always two digits after the point).",
     x_div2,
     ["10/3", "22/7", "9/3"],
     ["2/3", "100/7", "5/6", "50/4", "1/9", "17/6"])

task("expressions/operator-precedence", "An expression with + - * / evaluated with the usual precedence.",
     lambda s: exact(ev(s)),
     ["2+3*4", "10-6/2", "8/4+1"],
     ["1+2*3", "20-3*5", "6*2+3*4", "100/10-5", "7+8/2", "3*3-4"])

task("expressions/parentheses", "An expression with parentheses, evaluated.",
     lambda s: exact(ev(s)),
     ["(2+3)*4", "2*(7-3)", "(10+5)/3"],
     ["(1+2)*(3+4)", "(20-5)*2", "100/(2+3)", "(8-3)*(8+3)", "3*(4+5)-2", "(6+6)/(1+3)"])

task("expressions/caret-power", "A power written with ^, evaluated.",
     lambda s: exact(ev(s)),
     ["2^10", "3^3", "10^2"],
     ["2^8", "5^3", "7^2", "10^6", "4^4", "9^0"])

SUPERSCRIPT = {"²": 2, "³": 3}

task("expressions/superscript-square-and-cube", "A number squared or cubed written with ² or ³, evaluated.",
     lambda s: str(int(s[:-1]) ** SUPERSCRIPT[s[-1]]),
     ["5²", "2³", "12²"],
     ["9²", "4³", "10³", "15²", "7²", "3³"])


def x_percent_of(s):
    p, w = re.fullmatch(r"([\d.]+)% of ([\d.]+)", s).groups()
    return exact(Fraction(p) / 100 * Fraction(w))


task("expressions/percent-of", "'P% of N' evaluated.", x_percent_of,
     ["15% of 80", "20% of 45", "7.5% of 200"],
     ["10% of 250", "25% of 60", "50% of 7", "12% of 300", "2.5% of 40", "100% of 19"])

task("expressions/money-arithmetic", "Arithmetic on prices, shown with two decimals.",
     lambda s: rnd(ev(s), 2),
     ["4.50+2.25", "19.99+0.01", "3*2.50"],
     ["12.99+7.01", "10-3.75", "4*1.25", "99.90-9.99", "2.5*3", "0.10+0.20"])

task("expressions/negative-numbers", "Products and sums involving negative numbers, evaluated.",
     lambda s: exact(ev(s)),
     ["-3*4", "-2-5", "6*-2"],
     ["-7+10", "-8*-2", "5*-5", "-1-1", "-20+4", "-9*3"])


def x_sheet_fn(s):
    name, args = re.fullmatch(r"=(SUM|MAX|MIN|AVERAGE)\(([^)]*)\)", s).groups()
    vals = [Fraction(a) for a in args.split(",")]
    r = {"SUM": sum(vals), "MAX": max(vals), "MIN": min(vals),
         "AVERAGE": sum(vals) / len(vals) if vals else None}[name]
    return exact(r)


task("expressions/spreadsheet-functions",
     "A spreadsheet SUM, MAX or AVERAGE formula with literal arguments, evaluated.", x_sheet_fn,
     ["=SUM(3,4,5)", "=MAX(2,9,4)", "=AVERAGE(2,4,9)"],
     ["=SUM(10,20)", "=MAX(15,4,23,8)", "=AVERAGE(10,20,30,40)", "=SUM(1,2,3,4,5)", "=MAX(7,7,1)",
      "=AVERAGE(3,5)"])

task("expressions/spreadsheet-formula",
     "A spreadsheet formula with a leading = and + - * / ^ evaluated.",
     lambda s: exact(ev(s[1:])),
     ["=2*3+1", "=10/4", "=(1+2)^2"],
     ["=5+5*2", "=2^5", "=(4+6)/4", "=100-3^3", "=7*(2+1)", "=1/8"])

task("expressions/modulo", "'a mod b' evaluated: the remainder of a divided by b.",
     lambda s: str(int(s.split(" mod ")[0]) % int(s.split(" mod ")[1])),
     ["17 mod 5", "10 mod 3", "20 mod 4"],
     ["23 mod 7", "100 mod 9", "8 mod 10", "45 mod 6", "1000 mod 7", "9 mod 3"])


def x_qr(s):
    a, b = (int(x) for x in s.split("/"))
    return f"{a // b} r {a % b}"


task("expressions/quotient-and-remainder", "An integer division written a/b as quotient and remainder.",
     x_qr,
     ["17/5", "20/4", "7/9"],
     ["23/7", "100/9", "45/6", "12/12", "1000/7", "3/2"])


def frac_str(f):
    return f"{f.numerator}/{f.denominator}"


task("expressions/fraction-arithmetic", "Sums and differences of fractions, as a reduced fraction.",
     lambda s: frac_str(ev(s)),
     ["1/2+1/3", "1/4+1/4", "2/3-1/6"],
     ["3/4+1/8", "1/3+1/3", "5/6-1/3", "3/5+1/10", "7/8-1/4", "1/6+1/4"])

task("expressions/fraction-to-decimal", "A fraction to its (terminating) decimal value.",
     lambda s: exact(Fraction(s)),
     ["3/8", "1/4", "5/2"],
     ["7/20", "1/16", "9/4", "3/5", "11/8", "1/50"])


def x_mixed(s):
    whole, frac = s.split(" ")
    return exact(int(whole) + Fraction(frac))


task("expressions/mixed-number-to-decimal", "A mixed number (recipes, lumber sizes) to a decimal.",
     x_mixed,
     ["1 1/2", "2 3/4", "5 1/8"],
     ["3 1/4", "1 3/8", "10 1/2", "4 7/8", "2 1/5", "6 3/16"])


def x_sqrt(s):
    n = int(s[1:])
    r = int(n ** 0.5 + 0.5)
    assert r * r == n
    return str(r)


task("expressions/square-root", "The square root of a perfect square written with √.", x_sqrt,
     ["√16", "√144", "√81"],
     ["√49", "√169", "√400", "√1", "√225", "√64"])

WORD_OPS = {"plus": "+", "minus": "-", "times": "*"}


def x_words(s):
    a, op, b = s.split(" ")
    return exact(ev(f"{from_words(a)}{WORD_OPS[op]}{from_words(b)}"))


task("expressions/arithmetic-in-words", "Arithmetic written in English words, answered in digits.",
     x_words,
     ["three plus four", "ten minus two", "six times seven"],
     ["nine plus nine", "twelve minus five", "eight times three", "twenty minus six",
      "five times five", "eleven plus thirty"])


def x_invoice(s):
    qty, price = s.split(" @ ")
    return rnd(Fraction(qty) * Fraction(price), 2)


task("expressions/invoice-line-total", "An invoice line 'quantity @ unit price' to the line total with two decimals.",
     x_invoice,
     ["4 @ 2.50", "12 @ 0.99", "1 @ 15.00"],
     ["3 @ 19.99", "10 @ 1.25", "7 @ 4.00", "24 @ 0.35", "2 @ 249.50", "5 @ 12.10"])


def x_add_times(s):
    total = 0
    for part in s.split(" + "):
        h, m = part.split(":")
        total += int(h) * 60 + int(m)
    return f"{total // 60}:{total % 60:02d}"


task("expressions/duration-addition", "A sum of durations in h:mm, evaluated as h:mm.",
     x_add_times,
     ["1:45 + 0:30", "2:50 + 1:20", "0:45 + 0:15"],
     ["3:10 + 1:05", "0:35 + 0:40", "7:30 + 8:45", "1:59 + 0:01", "0:20 + 0:25 + 0:30", "10:00 + 2:15"])


def x_compare(s):
    a, op, b = s.split(" ")
    a, b = Fraction(a), Fraction(b)
    r = {">": a > b, "<": a < b, ">=": a >= b}[op]
    return "TRUE" if r else "FALSE"


task("expressions/comparison", "A comparison between two numbers evaluated to TRUE or FALSE.",
     x_compare,
     ["3 > 2", "5 < 1", "4 >= 4"],
     ["10 > 20", "2.5 < 3", "7 >= 8", "100 > 99", "-1 < 0", "6 >= 5"])


def x_ratio(s):
    a, b = (int(x) for x in s.split(":"))
    f = Fraction(a, b)
    return f"{f.numerator}:{f.denominator}"


task("expressions/ratio-simplify", "A ratio a:b reduced to lowest terms.", x_ratio,
     ["12:8", "1920:1080", "6:3"],
     ["10:4", "1280:720", "15:25", "9:12", "1440:900", "7:21"])


def x_area(s):
    a, b = re.findall(r"\d+(?:\.\d+)?", s)
    return f"{exact(Fraction(a) * Fraction(b))} sq ft"


task("expressions/room-area", "The floor area of a room given as width x length in feet.",
     x_area,
     ["12 ft x 10 ft", "9.5 ft x 8 ft", "14 ft x 14 ft"],
     ["11 ft x 13 ft", "20 ft x 15 ft", "7.5 ft x 6 ft", "10 ft x 10 ft", "16 ft x 12.5 ft"])

# ---------------------------------------------------------------------------------------
# Sanity facts: the algorithms above must reproduce well-known published values.
# ---------------------------------------------------------------------------------------


def sanity():
    assert luhn_valid("79927398713") and luhn_digit("7992739871") == "3"
    assert luhn_digit("49015420323751") == "8"                           # IMEI example
    assert isbn_10_to_13("0-306-40615-2") == "978-0-306-40615-7"
    assert isbn10_check("080442957") == "X"
    assert isbn10_full("3-16-148410") == "3-16-148410-X"
    assert isbn13_check("978316148410") == "0"
    assert ean13_digit("400638133393") == "1" and ean13_digit("590123412345") == "7"
    assert upc_digit("03600029145") == "2"
    for n in ("4111111111111111", "4012888888881881", "5555555555554444", "5105105105105100",
              "378282246310005", "371449635398431", "6011111111111117", "3530111333300000",
              "2223003122003222", "4000056655665556", "378734493671000", "5200828282828210"):
        assert luhn_valid(n), n
    for i in IBANS:
        assert iban_valid(i), i
    assert iban_with_check("DE", "370400440532013000") == "DE89370400440532013000"
    assert vin_check("1M8GDM9AXKP042788") == "X"
    assert isin_digit("US037833100") == "5" and isin_digit("US594918104") == "5"
    assert isin_digit("DE000716460") == "0" and isin_digit("CH003886335") == "0"
    assert isin_digit("GB000263494") == "6" and isin_digit("US88160R101") == "4"
    assert isin_digit("JP363340000") == "1" and isin_digit("US023135106") == "7"
    assert issn_check("0378-595") == "5" and issn_check("0028-083") == "6"
    assert issn_check("0036-807") == "5" and issn_check("0140-673") == "6"
    assert aba_valid("021000021") and aba_valid("011000015")
    assert nhs_valid("9434765919")
    assert "bücher.de".encode("idna") == b"xn--bcher-kva.de"
    assert OZ_G == D("28.349523125") and US_CUP_ML == D("236.5882365")
    assert ACRE_M2 == D("4046.8564224")
    assert abs(PSI_PA - D("6894.757293168361")) < D("1e-9")
    assert words(342) == "three hundred forty-two" and ordinal_words(40) == "fortieth"
    assert to_roman(1994) == "MCMXCIV"
    for v in UUID_MIX:
        assert str(v)[14] in "13457" and str(v)[19] in "89ab", v
    for city, zone in ZONES.items():
        assert zone.split("/")[-1].replace("_", " ") == city, zone
    assert len(BY_A2) == len(BY_A3) == len(BY_NAME) == len(COUNTRIES)
    assert len(US_STATES) == 51 and len(STATE_CODE) == 51


# ---------------------------------------------------------------------------------------
# Build, check and write
# ---------------------------------------------------------------------------------------


def as_inputs(row):
    return list(row) if isinstance(row, tuple) else [row]


def build():
    sanity()
    out = []
    names = set()
    for name, description, fn, examples, tests, extra in TASKS:
        family = name.split("/")[0]
        assert family in FAMILIES, name
        assert name not in names, name
        names.add(name)
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*", name), name
        assert len(examples) == 3, name
        assert 5 <= len(tests) <= 8, (name, len(tests))
        ex_rows = [{"inputs": as_inputs(r), "output": fn(*as_inputs(r))} for r in examples]
        te_rows = [{"inputs": as_inputs(r), "output": fn(*as_inputs(r))} for r in tests]
        keys_ex = [tuple(r["inputs"]) for r in ex_rows]
        keys_te = [tuple(r["inputs"]) for r in te_rows]
        assert len(set(keys_ex)) == 3, name
        assert len(set(keys_te)) == len(keys_te), name
        assert not set(keys_ex) & set(keys_te), name
        assert len({len(k) for k in keys_ex + keys_te}) == 1, name
        for r in ex_rows + te_rows:
            for s in r["inputs"] + [r["output"]]:
                assert isinstance(s, str) and unicodedata.is_normalized("NFC", s), (name, s)
            assert r["output"] != "", name
        if name in ("encodings/remove-accents", "encodings/accent-free-url-slug",
                    "encodings/german-umlaut-transliteration", "encodings/nordic-letter-transliteration"):
            for r in ex_rows + te_rows:
                assert r["output"].isascii(), (name, r)
        tags = [family] + [t for t in extra if t != family]
        out.append({"name": name, "examples": ex_rows, "tests": te_rows, "tags": tags,
                    "description": description})
    counts = {f: sum(1 for t in out if t["name"].startswith(f + "/")) for f in FAMILIES}
    for f, n in counts.items():
        assert n >= 20, (f, n)
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(here, "semantic.jsonl"))
    args = ap.parse_args()
    tasks = build()
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        for t in tasks:
            f.write(json.dumps(t, ensure_ascii=False) + "\n")
    counts = {fam: sum(1 for t in tasks if t["name"].startswith(fam + "/")) for fam in FAMILIES}
    print(f"wrote {len(tasks)} tasks to {args.out}: " +
          ", ".join(f"{k} {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
