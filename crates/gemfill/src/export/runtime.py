# The gemfill language's operators in Python 3 (standard library only). `gemfill export
# --to python` copies this runtime in front of the exported function; it mirrors the Rust
# interpreter (crates/gemfill-dsl/src/ops.rs, tokens.rs, formats.rs, tables.rs): indices
# count characters (Python strings are sequences of code points, as gemfill's are), a
# negative index counts from the end, and every case where gemfill fails on a row raises
# GemfillError here.
import datetime as _datetime
import re as _re
import unicodedata as _unicodedata

MAX_STRING_CHARS = 1 << 20
_I64_MIN, _I64_MAX = -(1 << 63), (1 << 63) - 1

# Unicode White_Space, which gemfill's Space class, trim and title case use (Python's
# str.isspace also accepts the separators U+001C..U+001F, which these do not).
_WHITE_SPACE = frozenset(
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


class GemfillError(ValueError):
    """The program cannot produce a value for this row (gemfill reports such a row as
    failed; the other rows are unaffected)."""

    def __init__(self, op, message):
        super().__init__(f"{op}: {message}")
        self.op = op


def _check_len(op, s):
    if len(s) > MAX_STRING_CHARS:
        raise GemfillError(op, f"the result would be longer than {MAX_STRING_CHARS} characters")
    return s


def _int(op, i):
    if not _I64_MIN <= i <= _I64_MAX:
        raise GemfillError(op, f"{i} overflows")
    return i


# ---- token classes -------------------------------------------------------------------

def _category(c):
    return _unicodedata.category(c)


def _is_letter_or_mark(c):
    if c < "\x80":
        return c.isascii() and c.isalpha()
    return _category(c)[0] in "LM"


def _is_alphanum(c):
    if c < "\x80":
        return c.isascii() and c.isalnum()
    cat = _category(c)
    return cat[0] in "LM" or cat == "Nd"


def _is_digit(c):
    return "0" <= c <= "9"


_RUNS = {
    "Number": _is_digit,
    "Word": _is_letter_or_mark,
    "Alphanum": _is_alphanum,
    "Caps": lambda c: _category(c) == "Lu",
    "Lower": lambda c: _category(c) == "Ll",
    "Space": lambda c: c in _WHITE_SPACE,
}


class Tok:
    """A token class: a named class, a one-character delimiter or a regex."""

    def __init__(self, kind, value=None):
        self.kind = kind
        self.value = value
        self.regex = _re.compile(value) if kind == "regex" else None

    def spans(self, s):
        """Every match of the class in s as (start, end) character positions: left to
        right, non-overlapping, each as long as possible, never empty."""
        kind = self.kind
        if kind == "regex":
            return [(m.start(), m.end()) for m in self.regex.finditer(s) if m.end() > m.start()]
        if kind == "delim":
            return [(i, i + 1) for i, c in enumerate(s) if c == self.value]
        if kind == "Char":
            return [(i, i + 1) for i in range(len(s))]
        if kind == "Digit":
            return [(i, i + 1) for i, c in enumerate(s) if _is_digit(c)]
        if kind == "Proper":
            return _proper_spans(s)
        test = _RUNS[kind]
        out, i, n = [], 0, len(s)
        while i < n:
            if test(s[i]):
                j = i + 1
                while j < n and test(s[j]):
                    j += 1
                out.append((i, j))
                i = j
            else:
                i += 1
        return out

    def describe(self):
        if self.kind == "delim":
            return repr(self.value)
        if self.kind == "regex":
            return f"/{self.value}/"
        return self.kind


def _proper_spans(s):
    out, i, n = [], 0, len(s)
    while i < n:
        if _category(s[i]) == "Lu" and i + 1 < n and _category(s[i + 1]) == "Ll":
            j = i + 1
            while j < n and _category(s[j]) == "Ll":
                j += 1
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def _nth(op, s, t, k):
    spans = t.spans(s)
    i = k + len(spans) if k < 0 else k
    if not 0 <= i < len(spans):
        raise GemfillError(op, f"no match {k} of {t.describe()} in {s!r} ({len(spans)} matches)")
    return spans[i]


# ---- text ----------------------------------------------------------------------------

def concat(*parts):
    return _check_len("concat", "".join(parts))


def sub(s, i, j):
    n = len(s)
    ni = i + n if i < 0 else i
    nj = j + n if j < 0 else j
    if not 0 <= ni <= nj <= n:
        raise GemfillError("sub", f"range {i}..{j} is out of bounds for a string of {n} characters")
    return s[ni:nj]


def token(s, t, k):
    a, b = _nth("token", s, t, k)
    return s[a:b]


def replace(s, a, b):
    if a == "":
        raise GemfillError("replace", "the string to replace is empty")
    return _check_len("replace", s.replace(a, b))


def replace_first(s, a, b):
    if a == "":
        raise GemfillError("replace_first", "the string to replace is empty")
    return _check_len("replace_first", s.replace(a, b, 1))


def _strip_white(s):
    i, j = 0, len(s)
    while i < j and s[i] in _WHITE_SPACE:
        i += 1
    while j > i and s[j - 1] in _WHITE_SPACE:
        j -= 1
    return s[i:j]


def trim(s):
    return _strip_white(s)


def pad_left(s, width, fill):
    if len(fill) != 1:
        raise GemfillError("pad_left", f"the fill {fill!r} is not exactly one character")
    if width > MAX_STRING_CHARS:
        raise GemfillError("pad_left", f"width {width} is more than {MAX_STRING_CHARS} characters")
    if width <= len(s):
        return s
    return fill * (width - len(s)) + s


def char_at(s, i):
    n = len(s)
    ni = i + n if i < 0 else i
    if not 0 <= ni < n:
        raise GemfillError("char_at", f"index {i} is out of bounds for a string of {n} characters")
    return s[ni]


def case(s, mode):
    if mode == "upper":
        return s.upper()
    if mode == "lower":
        return s.lower()
    if mode == "proper":
        out, in_run = [], False
        for c in s.lower():
            if _is_letter(c):
                out.append(c if in_run else c.upper())
                in_run = True
            else:
                in_run = in_run and _category(c)[0] == "M"
                out.append(c)
        return "".join(out)
    # title: the first letter of every white-space separated word upper case.
    out, waiting = [], True
    for c in s:
        if c in _WHITE_SPACE:
            waiting = True
            out.append(c)
        elif waiting and _is_letter(c):
            waiting = False
            out.append(c.upper())
        else:
            out.append(c)
    return "".join(out)


def _is_letter(c):
    return _category(c)[0] == "L"


# ---- positions and numbers -----------------------------------------------------------

def length(s):
    return len(s)


def start(s, t, k):
    return _nth("start", s, t, k)[0]


def end(s, t, k):
    return _nth("end", s, t, k)[1]


def _occurrences(s, needle):
    out, i = [], s.find(needle)
    while i >= 0:
        out.append(i)
        i = s.find(needle, i + len(needle))
    return out


def find(s, needle, k):
    if needle == "":
        raise GemfillError("find", "the string to find is empty")
    found = _occurrences(s, needle)
    i = k + len(found) if k < 0 else k
    if not 0 <= i < len(found):
        raise GemfillError("find", f"no occurrence {k} of {needle!r} in {s!r} ({len(found)} occurrences)")
    return found[i]


def pos(s, left, right, k):
    starts = {a for a, _ in right.spans(s)}
    found = [b for _, b in left.spans(s) if b in starts]
    i = k + len(found) if k < 0 else k
    if not 0 <= i < len(found):
        raise GemfillError("pos", f"no boundary {k} between {left.describe()} and {right.describe()} in {s!r}")
    return found[i]


def plus(i, j):
    return _int("plus", i + j)


def minus(i, j):
    return _int("minus", i - j)


_INTEGER = _re.compile(r"[+-]?[0-9]+")


def to_int(s):
    if not _INTEGER.fullmatch(s):
        raise GemfillError("to_int", f"{s!r} is not an integer")
    i = int(s)
    if not _I64_MIN <= i <= _I64_MAX:
        raise GemfillError("to_int", f"{s!r} is not an integer")
    return i


def to_str(i):
    return str(i)


# ---- repetition and conditions ---------------------------------------------------------

def map_(s, t, body, sep):
    parts = []
    for a, b in t.spans(s):
        value = body(s[a:b])
        parts.append(value)
    return _check_len("map", sep.join(parts))


def contains(s, needle):
    return needle in s


def starts_with(s, prefix):
    return s.startswith(prefix)


def ends_with(s, suffix):
    return s.endswith(suffix)


def matches(s, t):
    spans = t.spans(s)
    return bool(spans) and spans[0] == (0, len(s))


def is_empty(s):
    return s == ""


def eq(a, b):
    return a == b


def not_(b):
    return not b


# ---- lookup tables -----------------------------------------------------------------------

def _normalise_key(key):
    key = _strip_white(key)
    if key.endswith(".") and len(key) > 1:
        key = key[:-1]
    return key.lower()


def lookup(table, key):
    """A built-in table: its entries are stored under normalised keys."""
    value = table[1].get(_normalise_key(key))
    if value is None:
        raise GemfillError("lookup", f"{key!r} is not a key of {table[0]}")
    return value


def lookup_user(tables, name, key):
    """A table that comes with the request (`@name`): exact keys."""
    if tables is None or name not in tables:
        raise GemfillError("lookup", f"there is no table @{name}")
    table = tables[name]
    if key not in table:
        raise GemfillError("lookup", f"{key!r} is not a key of @{name}")
    return table[key]


# ---- dates -------------------------------------------------------------------------------

_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]
_MONTH_ABBRS = [m[:3] for m in _MONTH_NAMES]
_WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class _Cursor:
    def __init__(self, s):
        self.s, self.at = s, 0

    def peek(self):
        return self.s[self.at] if self.at < len(self.s) else None

    def digits(self, lo, hi):
        begin = self.at
        while self.peek() is not None and "0" <= self.peek() <= "9":
            self.at += 1
        if not lo <= self.at - begin <= hi:
            raise _NotADate
        return int(self.s[begin:self.at])

    def fixed_digits(self, n):
        text = self.s[self.at:self.at + n]
        if len(text) != n or not all("0" <= c <= "9" for c in text):
            raise _NotADate
        self.at += n
        return int(text)

    def lit(self, c):
        if self.peek() != c:
            raise _NotADate
        self.at += 1

    def opt(self, c):
        if self.peek() == c:
            self.at += 1

    def opt_space(self):
        begin = self.at
        while self.peek() is not None and self.peek() in _WHITE_SPACE:
            self.at += 1
        return self.at - begin

    def space(self):
        if self.opt_space() == 0:
            raise _NotADate

    def word(self):
        begin = self.at
        while self.peek() is not None and self.peek().isascii() and self.peek().isalpha():
            self.at += 1
        if self.at > begin:
            self.opt(".")
        return self.s[begin:self.at]

    def month(self):
        return _month_from_name(self.word()) + 1

    def month_day_year(self):
        m = self.month()
        self.space()
        d = self.digits(1, 2)
        self.opt(",")
        self.space()
        return self.digits(4, 4), m, d

    def end(self):
        if self.at != len(self.s):
            raise _NotADate


class _NotADate(Exception):
    pass


def _name_index(s, table):
    if s == "" or any("0" <= c <= "9" for c in s):
        raise _NotADate
    value = table.get(_normalise_key(s))
    if value is None:
        raise _NotADate
    return value


def _month_from_name(s):
    return _name_index(s, _MONTHS)


def _parse_date(s, fmt):
    p = _Cursor(_strip_white(s))
    if fmt == "iso":
        y = p.digits(4, 4); p.lit("-"); m = p.digits(1, 2); p.lit("-"); d = p.digits(1, 2)
    elif fmt in ("us", "us_short"):
        m = p.digits(1, 2); p.lit("/"); d = p.digits(1, 2); p.lit("/"); y = p.digits(4, 4)
    elif fmt in ("eu", "eu_dot"):
        sep = "/" if fmt == "eu" else "."
        d = p.digits(1, 2); p.lit(sep); m = p.digits(1, 2); p.lit(sep); y = p.digits(4, 4)
    elif fmt == "compact":
        y = p.fixed_digits(4); m = p.fixed_digits(2); d = p.fixed_digits(2)
    elif fmt in ("long", "medium"):
        y, m, d = p.month_day_year()
    elif fmt == "day_month_year":
        d = p.digits(1, 2); p.space(); m = p.month(); p.space(); y = p.digits(4, 4)
    elif fmt == "weekday_long":
        weekday = _name_index(p.word(), _WEEKDAYS)
        p.opt(",")
        p.opt_space()
        y, m, d = p.month_day_year()
        date = _make_date(y, m, d)
        p.end()
        if date.weekday() != weekday:
            raise _NotADate
        return date
    else:
        raise _NotADate
    p.end()
    return _make_date(y, m, d)


def _make_date(y, m, d):
    try:
        return _datetime.date(y, m, d)
    except ValueError:
        raise _NotADate from None


def _format_date(date, fmt):
    y, m, d = date.year, date.month, date.day
    if fmt == "iso":
        return f"{y:04}-{m:02}-{d:02}"
    if fmt == "us":
        return f"{m:02}/{d:02}/{y:04}"
    if fmt == "us_short":
        return f"{m}/{d}/{y:04}"
    if fmt == "eu":
        return f"{d:02}/{m:02}/{y:04}"
    if fmt == "eu_dot":
        return f"{d:02}.{m:02}.{y:04}"
    if fmt == "compact":
        return f"{y:04}{m:02}{d:02}"
    if fmt == "long":
        return f"{_MONTH_NAMES[m - 1]} {d}, {y:04}"
    if fmt == "medium":
        return f"{_MONTH_ABBRS[m - 1]} {d}, {y:04}"
    if fmt == "weekday_long":
        return f"{_WEEKDAY_NAMES[date.weekday()]}, {_MONTH_NAMES[m - 1]} {d}, {y:04}"
    return f"{d} {_MONTH_NAMES[m - 1]} {y:04}"  # day_month_year


def date(s, fmt_in, fmt_out):
    try:
        parsed = _parse_date(s, fmt_in)
    except _NotADate:
        raise GemfillError("date", f"{s!r} is not a date in format {fmt_in}") from None
    return _format_date(parsed, fmt_out)


# ---- numbers -----------------------------------------------------------------------------

_U128 = 1 << 128


def _parse_number(s):
    """(negative, mantissa, scale) as gemfill reads it, or None."""
    b = _strip_white(s)
    at, negative = 0, False
    if b[:1] in ("-", "+"):
        negative = b[0] == "-"
        at += 1
    if b[at:at + 1] == "$":
        at += 1
    mantissa, group, grouped = 0, 0, False
    while at < len(b):
        c = b[at]
        if "0" <= c <= "9":
            mantissa = mantissa * 10 + int(c)
            if mantissa >= _U128:
                return None
            group += 1
        elif c == ",":
            if group == 0 or (grouped and group != 3) or (not grouped and group > 3):
                return None
            grouped, group = True, 0
        else:
            break
        at += 1
    if grouped and group != 3:
        return None
    int_digits = group > 0 or grouped
    scale = 0
    if b[at:at + 1] == ".":
        at += 1
        while at < len(b) and "0" <= b[at] <= "9":
            mantissa = mantissa * 10 + int(b[at])
            if mantissa >= _U128:
                return None
            scale += 1
            at += 1
    if not int_digits and scale == 0:
        return None
    if b[at:at + 1] == "%":
        scale += 2
        at += 1
    return (negative, mantissa, scale) if at == len(b) else None


def _rounded(mantissa, scale, decimals):
    if scale > decimals:
        p = 10 ** (scale - decimals)
        if p >= _U128:
            return 0
        q, r = divmod(mantissa, p)
        return q + 1 if r >= p - r else q
    q = mantissa * 10 ** (decimals - scale)
    return q if q < _U128 else None


def number(s, fmt):
    parsed = _parse_number(s)
    if parsed is None:
        raise GemfillError("number", f"{s!r} is not a number")
    negative, mantissa, scale = parsed
    decimals = 0 if fmt in ("int", "thousands") else 2
    q = _rounded(mantissa, scale, decimals)
    if q is None:
        raise GemfillError("number", f"{s!r} is too large to print")
    out = "-" if negative and q != 0 else ""
    if fmt == "currency":
        out += "$"
    whole, frac = (q, None) if fmt in ("percent", "int", "thousands") else divmod(q, 100)
    digits = str(whole)
    if fmt in ("thousands", "thousands2", "currency"):
        digits = f"{whole:,}"
    out += digits
    if frac is not None:
        out += f".{frac:02}"
    if fmt == "percent":
        out += "%"
    return out


def show(value):
    """A value as gemfill prints it: true/false for truth values."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)
