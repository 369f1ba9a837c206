# ---- numbers: reading, rounding, arithmetic (gemfill-dsl num/read.rs, digits.rs, round.rs,
# arith.rs, error.rs) -------------------------------------------------------------------------

class LibraryError(Exception):
    """Why a library function has no value (the Rust engines' NumberError and TimeError);
    the language functions report it as a GemfillError under their own name."""


def _is_ascii_digit(c):
    return "0" <= c <= "9"


def _shorten(text):
    """A text cut to 40 characters for an error message."""
    return text if len(text) <= 40 else text[:40] + "…"


def _no_number(text):
    return LibraryError(f"'{text}' has no number in it")


def _number_out_of_range(text):
    return LibraryError(
        f"'{text}' is too large or too precise for an exact number (at most 28 digits)")


def _overflow(what):
    return LibraryError(f"{what} overflows: the result is larger than an exact number can hold")


# -- reading the first number in a text (num/read.rs) --

_CURRENCIES = ("R$", "CHF", "$", "€", "£", "¥", "₹", "₩")
_GROUPING_ONLY = frozenset("'’\u00a0\u2009\u202f ")
_SIGNS = {"-": "minus", "−": "minus", "+": "plus", "(": "parentheses"}


def _read_number(text):
    """The first number in `text`: "Total: 1,234.50 USD" is 1234.50, "(3.20)" is -3.2,
    "12.5%" is 0.125."""
    start = next((i for i, c in enumerate(text) if _is_ascii_digit(c) or (
        c == "." and i + 1 < len(text) and _is_ascii_digit(text[i + 1])
        and (i == 0 or not _is_ascii_digit(text[i - 1])))), None)
    if start is None:
        raise _no_number(_shorten(text))
    end, int_digits, frac_digits = _scan_number_body(text, start)
    sign, first, sign_after_currency = _read_number_prefix(text, start)
    exponent = _read_exponent(text[end:])
    exponent_value = 0
    if exponent is not None:
        exponent_value, written = exponent
        end += written
    rest = text[end:]
    for spaced, skip in ((False, ""), (True, " "), (True, "\u00a0")):
        after = rest[len(skip):] if rest.startswith(skip) else None
        if after and after[0] in "%‰" and (not spaced or after[0] == "%"):
            percent = after[0]
            end += len(skip) + 1
            break
    else:
        percent = None
    if sign == "parentheses":
        if text[end:].startswith(")"):
            end += 1
        else:
            # No closing parenthesis: the number starts after the opening one.
            first = text[:start].rfind("(") + 1 or start
            sign = None
    magnitude = None
    if exponent_value is not None:
        magnitude = _exact_decimal(int_digits, frac_digits, exponent_value)
    if magnitude is None:
        raise _number_out_of_range(_shorten(text[first:end]))
    if percent is not None:
        magnitude = _dec_div(magnitude, _dec_int(1000 if percent == "‰" else 100))
        if magnitude is None:
            raise _number_out_of_range(_shorten(text))
    return _dec_neg(magnitude) if sign in ("minus", "parentheses") else magnitude


def _read_number_prefix(text, start):
    """The sign before the digits at `start` (looking past a currency symbol), where the
    number starts, and whether the sign came after the currency."""
    before = text[:start]
    signed = _sign_before(before)
    if signed is not None:
        sign, rest = signed
        currency = _currency_before(rest)
        if currency is not None:
            return sign, len(rest) - len(currency), True
        if _sign_stands_alone(rest):
            return sign, len(rest), False
        return None, start, False
    first = start
    currency = _currency_before(before)
    if currency is not None:
        before = before[:len(before) - len(currency)]
        first = len(before)
    signed = _sign_before(before)
    if signed is not None and _sign_stands_alone(signed[1]):
        return signed[0], len(signed[1]), False
    return None, first, False


def _sign_before(before):
    if before and before[-1] in _SIGNS:
        return _SIGNS[before[-1]], before[:-1]
    return None


def _sign_stands_alone(before_sign):
    """A sign counts only when it does not join two words (ID-12 is 12, not -12)."""
    return not (before_sign and _is_alphanumeric(before_sign[-1]))


def _currency_before(before):
    """The currency symbol (with the space after it) that ends `before`."""
    trimmed = before[:-1] if before[-1:] in (" ", "\u00a0") and before else before
    symbol = next((s for s in _CURRENCIES if trimmed.endswith(s)), None)
    if symbol is None:
        return None
    rest = trimmed[:len(trimmed) - len(symbol)]
    word_like = symbol.isalpha() or symbol == "R$"
    if word_like and rest and _is_alphabetic(rest[-1]):
        return None
    return before[len(rest):]


def _scan_number_body(text, start):
    """(end, integer digits, decimal digits) of the digits and separators at `start`."""
    runs, seps, at = [], [], start
    while True:
        run_end = at
        while run_end < len(text) and _is_ascii_digit(text[run_end]):
            run_end += 1
        runs.append((at, run_end))
        if run_end == len(text):
            break
        sep = text[run_end]
        is_sep = sep in ".," or sep in _GROUPING_ONLY
        if not is_sep or not (run_end + 1 < len(text) and _is_ascii_digit(text[run_end + 1])):
            break
        if run_end == at and not (len(runs) == 1 and sep == "."):
            break
        seps.append(sep)
        at = run_end + 1
    lens = [b - a for a, b in runs]
    if lens[0] == 0:
        # ".5": only a decimal part.
        return runs[1][1], "", text[runs[1][0]:runs[1][1]]
    decimal_at = _decimal_separator(seps, lens)
    grouping_end = len(seps) if decimal_at is None else decimal_at
    bad_group = next((j for j in range(grouping_end)
                      if seps[j] != seps[0] or lens[j + 1] != 3 or lens[0] > 3), None)
    if bad_group is not None:
        int_runs, decimal_at = bad_group + 1, None
    else:
        int_runs = grouping_end + 1
    int_digits = "".join(text[a:b] for a, b in runs[:int_runs])
    if decimal_at is None:
        return runs[int_runs - 1][1], int_digits, ""
    a, b = runs[decimal_at + 1]
    return b, int_digits, text[a:b]


def _decimal_separator(seps, lens):
    """Which separator (by index) is the decimal one, by the rules of num's module docs."""
    if not seps:
        return None
    last = seps[-1]
    if last not in ".," or seps.count(last) > 1:
        return None
    other = "," if last == "." else "."
    if last == "." or other in seps:
        return len(seps) - 1
    grouping_like = len(seps) == 1 and lens[1] == 3 and 1 <= lens[0] <= 3
    return None if grouping_like else len(seps) - 1


def _read_exponent(rest):
    """(value or None when too large, characters read) of an exponent such as e3 or E-05."""
    if not rest or rest[0] not in "eE":
        return None
    sign = rest[1] if len(rest) > 1 and rest[1] in "+-" else None
    at = 2 if sign else 1
    count = 0
    while at + count < len(rest) and _is_ascii_digit(rest[at + count]):
        count += 1
    if count == 0:
        return None
    significant = rest[at:at + count].lstrip("0")
    value = None if len(significant) > 4 else int(significant or "0") * (-1 if sign == "-" else 1)
    return value, at + count


def _exact_decimal(int_digits, frac_digits, exponent):
    """int.frac × 10^exponent exactly, or None when it does not fit."""
    digits = int_digits + frac_digits
    trimmed = digits.rstrip("0")
    significant = trimmed.lstrip("0")
    if not significant:
        return _DEC_ZERO
    if len(significant) > 29:
        return None
    mantissa = int(significant)
    power = (len(digits) - len(trimmed)) - len(frac_digits) + exponent
    if power >= 0:
        if power > 29 or mantissa * 10 ** power >= _DEC_U96:
            return None
        return _dec(False, mantissa * 10 ** power, 0)
    if -power > _DEC_MAX_SCALE or mantissa >= _DEC_U96:
        return None
    return _dec(False, mantissa, -power)


# -- a decimal as digits (num/digits.rs) --

class _Digits:
    """A decimal's digits and where its point sits, for rounding and writing without
    overflow: `digits` most significant first without leading zeros ([] is zero), `scale`
    how many of them are decimals (negative or past the digits when zeros are implied)."""

    def __init__(self, negative, digits, scale):
        self.negative, self.digits, self.scale = negative, digits, scale
        self._trim_trailing_zeros()

    @staticmethod
    def of(value):
        negative, mantissa, scale = _dec_parts(value)
        digits = [int(c) for c in str(mantissa)] if mantissa else []
        return _Digits(mantissa != 0 and negative, digits, scale)

    def copy(self):
        return _Digits(self.negative, list(self.digits), self.scale)

    def _trim_trailing_zeros(self):
        while self.digits and self.digits[-1] == 0:
            self.digits.pop()
            self.scale -= 1
        if not self.digits:
            self.scale, self.negative = 0, False

    def is_zero(self):
        return not self.digits

    def leading_exponent(self):
        """The power of ten of the leading digit (123.4 is 2, 0.05 is -2); 0 for zero."""
        return len(self.digits) - 1 - self.scale if self.digits else 0

    def shifted(self, power):
        return _Digits(self.negative, list(self.digits), self.scale - power)

    def round_half_away(self, places):
        """Rounded half away from zero to `places` decimals."""
        drop = self.scale - places
        if drop <= 0:
            return self.copy()
        keep = len(self.digits) - drop
        if keep < 0:
            return _Digits(self.negative, [], 0)
        digits = self.digits[:keep]
        if keep < len(self.digits) and self.digits[keep] >= 5:
            at = keep
            while True:
                if at == 0:
                    digits.insert(0, 1)
                    break
                at -= 1
                if digits[at] == 9:
                    digits[at] = 0
                else:
                    digits[at] += 1
                    break
        return _Digits(self.negative, digits, places)

    def split(self, places):
        """The integer digits ([] below one) and the decimals padded to `places` digits."""
        scale, count = max(self.scale, 0), len(self.digits)
        whole = [] if scale >= count else self.digits[:count - scale]
        if self.scale < 0:
            whole = whole + [0] * -self.scale
        fraction = [0] * max(scale - count, 0) + self.digits[max(count - scale, 0):]
        fraction = (fraction + [0] * places)[:places]
        return whole, fraction


# -- rounding (num/round.rs) --

def _round_to_multiple(value, step, mode):
    """`value` rounded to a multiple of `step` (> 0) with the rounding mode named `mode`
    (half_up, half_even, up, down or toward_zero), written with the step's scale: 3.14159
    to 0.01 is 3.14, 13 up to 5 is 15."""
    if step <= 0:
        raise LibraryError(f"the step to round to must be greater than zero, not {_dec_text(step)}")
    remainder = _dec_rem(value, step)
    whole = None if remainder is None else _dec_sub(value, remainder)
    toward_zero = None if whole is None else _dec_div(whole, step)
    if toward_zero is None:
        raise _overflow("rounding")
    toward_zero = _dec_round_dp(toward_zero, 0)
    # rust_decimal's remainder is inexact near its limits: refuse what is not a multiple.
    back = _dec_mul(toward_zero, step)
    back = None if back is None else _dec_add(back, remainder)
    if back is None or back != value:
        raise _overflow("rounding")
    negative = _dec_is_negative(value)
    if _dec_is_zero(remainder):
        multiples = toward_zero
    else:
        away = (_dec_sub if negative else _dec_add)(toward_zero, _DEC_ONE)
        twice = _dec_mul(_dec_abs(remainder), _DEC_TWO)
        if twice is None:
            raise _overflow("rounding")
        if mode == "toward_zero":
            goes_away = False
        elif mode == "up":
            goes_away = not negative
        elif mode == "down":
            goes_away = negative
        elif mode == "half_up":
            goes_away = twice >= step
        else:
            goes_away = twice > step or (twice == step and _dec_is_zero(_dec_rem(away, _DEC_TWO)))
        multiples = away if goes_away else toward_zero
    rounded = _dec_mul(multiples, step)
    if rounded is None:
        raise _overflow("rounding")
    if _dec_is_zero(rounded):
        rounded = _DEC_ZERO
    return _dec_rescale(rounded, _dec_parts(step)[2])


def _round_places(value, places, mode):
    """`value` rounded to `places` (0 to 28) decimal places."""
    if places > 28:
        raise LibraryError(f"cannot round to {places} decimal places: give 0 to 28")
    return _round_to_multiple(value, _dec(False, 1, places), mode)


def _round_significant(value, digits, mode):
    """`value` rounded to `digits` (1 to 28) significant digits: 1234 to 2 is 1200."""
    if not 1 <= digits <= 28:
        raise LibraryError(f"cannot round to {digits} significant digits: give 1 to 28")
    shown = _Digits.of(value)
    if shown.is_zero() or len(shown.digits) <= digits:
        return value
    power = shown.leading_exponent() - digits + 1
    if power >= 0:
        if 10 ** power >= _DEC_U96:
            return value
        step = _dec(False, 10 ** power, 0)
    elif -power <= 28:
        step = _dec(False, 1, -power)
    else:
        return value
    return _round_to_multiple(value, step, mode)


# -- arithmetic and the plain text of a number (num/arith.rs) --

def _add(a, b):
    total = _dec_add(a, b)
    if total is None:
        raise _overflow("addition")
    return total


def _subtract(a, b):
    difference = _dec_sub(a, b)
    if difference is None:
        raise _overflow("subtraction")
    return difference


def _multiply(a, b):
    product = _dec_mul(a, b)
    if product is None:
        raise _overflow("multiplication")
    return product


def _divide(a, b):
    """`a / b` kept to 28 significant digits (half away from zero), without trailing zeros."""
    if _dec_is_zero(b):
        raise LibraryError("division by zero")
    quotient = _dec_div(a, b)
    if quotient is None:
        raise _overflow("division")
    try:
        kept = _round_significant(quotient, 28, "half_up")
    except LibraryError:
        # Rounding a 29-digit quotient near the largest decimal up could overflow; cutting
        # it cannot.
        kept = _round_significant(quotient, 28, "toward_zero")
    return _dec_normalize(kept)


def _format_plain(value):
    """The shortest exact text of a number: 2.500 is 2.5, 3.0 is 3, -0 is 0."""
    if _dec_is_zero(value):
        return "0"
    return _dec_text(_dec_normalize(value))
