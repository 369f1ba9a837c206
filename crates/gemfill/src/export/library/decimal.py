# ---- exact decimals, computed as rust_decimal 1.43 computes them ---------------------------
# The number functions work on rust_decimal's `Decimal` (crates/gemfill-dsl/src/num): a
# 96-bit mantissa, a scale of 0 to 28 and a sign (zero may carry one). A Num is a Python
# `decimal.Decimal` holding exactly that value: its exponent is minus the scale and the
# sign of zero is kept, so that scales and the sign of zero travel between functions as they
# do in Rust. The arithmetic below works on the (negative, mantissa, scale) triple with
# Python integers and follows rust_decimal's algorithms (ops/add.rs, mul.rs, div.rs, rem.rs,
# common.rs, array.rs, str.rs, decimal.rs): where a result has more than 96 bits it is
# rounded the same way, and where rust_decimal overflows these return None.
import decimal as _decimal
import re as _re

try:
    GemfillError
except NameError:  # the library used without runtime.py
    class GemfillError(ValueError):
        """The program cannot produce a value for this row."""

        def __init__(self, op, message):
            super().__init__(f"{op}: {message}")
            self.op = op

_DEC_U32 = 1 << 32
_DEC_U96 = 1 << 96
_DEC_MAX_SCALE = 28
_DEC_I64_MAX = (1 << 63) - 1
# rust_decimal's POWER_OVERFLOW_VALUES: the largest mantissas that 10^1 .. 10^8 keep within
# 96 bits; find_scale compares their high 32-bit words first, then the low 64 bits.
_DEC_FITS_TIMES_TEN = [(_DEC_U96 - 1) // 10 ** k for k in range(1, 9)]
_DEC_FITS_TIMES_1E9 = (_DEC_U96 - 1) // 10 ** 9


def _dec(negative, mantissa, scale):
    """The Decimal of a sign, a mantissa and a scale (the sign kept even on zero)."""
    digits = tuple(int(c) for c in str(mantissa))
    return _decimal.Decimal((1 if negative else 0, digits, -scale))


def _dec_parts(value):
    """(negative, mantissa, scale) of a Num."""
    sign, digits, exponent = value.as_tuple()
    mantissa = int("".join(map(str, digits))) if digits else 0
    if exponent > 0:
        mantissa, exponent = mantissa * 10 ** exponent, 0
    return sign == 1, mantissa, -exponent


_DEC_ZERO = _dec(False, 0, 0)
_DEC_ONE = _dec(False, 1, 0)
_DEC_TWO = _dec(False, 2, 0)


def _dec_int(n):
    """Decimal::from(n) for an integer."""
    return _dec(n < 0, abs(n), 0)


def _dec_from_i128(n, scale):
    """Decimal::try_from_i128_with_scale: None when the mantissa has more than 96 bits."""
    if abs(n) >= _DEC_U96 or scale > _DEC_MAX_SCALE:
        return None
    return _dec(n < 0, abs(n), scale)


def _dec_text(value):
    """Decimal's Display: every digit of the scale, a minus on any negative, even zero."""
    negative, mantissa, scale = _dec_parts(value)
    digits = (str(mantissa) if mantissa else "").rjust(scale, "0")
    whole, fraction = digits[:len(digits) - scale], digits[len(digits) - scale:]
    text = (whole or "0") + ("." + fraction if scale else "")
    return ("-" if negative else "") + text


def _dec_is_zero(value):
    return _dec_parts(value)[1] == 0


def _dec_is_negative(value):
    """is_sign_negative: true for a negative zero too."""
    return _dec_parts(value)[0]


def _dec_neg(value):
    negative, mantissa, scale = _dec_parts(value)
    return _dec(not negative, mantissa, scale)


def _dec_abs(value):
    _, mantissa, scale = _dec_parts(value)
    return _dec(False, mantissa, scale)


def _dec_round_half_even(quotient, remainder, divisor):
    """quotient + 1 when remainder/divisor is over a half, or a half and quotient is odd."""
    twice = 2 * remainder
    return quotient + 1 if twice > divisor or (twice == divisor and quotient & 1) else quotient


def _dec_fit(mantissa, scale):
    """Buf24::rescale: the fewest digits dropped (rounding half to even) for the mantissa to
    fit in 96 bits and the scale in 28; (mantissa, scale), or None on overflow."""
    target = 0
    if mantissa >= _DEC_U96:
        target = (((mantissa.bit_length() - 97) * 77) >> 8) + 1
        if target > scale:
            return None
    target = max(target, scale - _DEC_MAX_SCALE)
    if target <= 0:
        return mantissa, scale
    scale -= target
    quotient, remainder = divmod(mantissa, 10 ** target)
    divisor = 10 ** target
    while quotient >= _DEC_U96:
        if scale == 0:
            return None
        quotient, digit = divmod(quotient, 10)
        remainder += digit * divisor
        divisor *= 10
        scale -= 1
    quotient = _dec_round_half_even(quotient, remainder, divisor)
    if quotient >= _DEC_U96:
        if scale == 0:
            return None
        quotient, digit = divmod(quotient, 10)
        quotient = _dec_round_half_even(quotient, digit, 10)
        scale -= 1
    return quotient, scale


# -- addition and subtraction (ops/add.rs) --

def _dec_add_sub(a, b, subtract):
    a_negative, a_mantissa, a_scale = _dec_parts(a)
    b_negative, b_mantissa, b_scale = _dec_parts(b)
    if a_mantissa == 0:
        flip = subtract and b_mantissa != 0
        return _dec(b_negative != flip, b_mantissa, b_scale)
    if b_mantissa == 0:
        return a
    differ = subtract != (a_negative != b_negative)
    if a_mantissa < _DEC_U32 and b_mantissa < _DEC_U32:
        factor = b_scale - a_scale
        if factor == 0:
            return _dec_fast_add(a_mantissa, b_mantissa, a_negative, a_scale, differ)
        if factor < 0 and -factor <= 9 and b_mantissa * 10 ** -factor < _DEC_U32:
            b_mantissa *= 10 ** -factor
            return _dec_fast_add(a_mantissa, b_mantissa, a_negative, a_scale, differ)
        if factor > 0 and factor <= 9 and a_mantissa * 10 ** factor < _DEC_U32:
            return _dec_fast_add(a_mantissa * 10 ** factor, b_mantissa, a_negative, b_scale, differ)
    scale = max(a_scale, b_scale)
    x = a_mantissa * 10 ** (scale - a_scale)
    y = b_mantissa * 10 ** (scale - b_scale)
    if differ:
        magnitude, negative = (x - y, a_negative) if x >= y else (y - x, not a_negative)
    else:
        magnitude, negative = x + y, a_negative
    fitted = _dec_fit(magnitude, scale)
    if fitted is None:
        return None
    magnitude, scale = fitted
    return _dec(negative and magnitude != 0, magnitude, scale)


def _dec_fast_add(x, y, negative, scale, differ):
    if not differ:
        return _dec(negative, x + y, scale)
    if x < y:
        return _dec(not negative, y - x, scale)
    return _dec(negative and x != y, x - y, scale)


def _dec_add(a, b):
    """checked_add: None on overflow."""
    return _dec_add_sub(a, b, False)


def _dec_sub(a, b):
    """checked_sub: None on overflow."""
    return _dec_add_sub(a, b, True)


# -- multiplication (ops/mul.rs) --

def _dec_mul(a, b):
    """checked_mul: None on overflow."""
    a_negative, a_mantissa, a_scale = _dec_parts(a)
    b_negative, b_mantissa, b_scale = _dec_parts(b)
    if a_mantissa == 0 or b_mantissa == 0:
        return _DEC_ZERO
    scale = a_scale + b_scale
    negative = a_negative != b_negative
    product = a_mantissa * b_mantissa
    if a_mantissa < _DEC_U32 and b_mantissa < _DEC_U32:
        if scale <= _DEC_MAX_SCALE:
            return _dec(negative, product, scale)
        if scale > _DEC_MAX_SCALE + 19:
            return _DEC_ZERO
        power = 10 ** (scale - _DEC_MAX_SCALE)
        quotient = _dec_round_half_even(*divmod(product, power), power)
        return _dec(negative and quotient != 0, quotient, _DEC_MAX_SCALE)
    fitted = _dec_fit(product, scale)
    if fitted is None:
        return None
    product, scale = fitted
    return _dec(negative, product, scale)


# -- division (ops/div.rs) --

def _dec_find_scale(quotient, scale):
    """Buf12::find_scale: how many digits (up to 9) the quotient can grow by within 96 bits
    (at most up to scale 28); None when it cannot reach scale 0."""
    high = quotient >> 64
    if high > _DEC_FITS_TIMES_TEN[0] >> 64:
        return None if scale < 0 else 0
    if scale > _DEC_MAX_SCALE - 9:
        digits = _DEC_MAX_SCALE - scale
        if high < _DEC_FITS_TIMES_TEN[digits - 1] >> 64:
            return None if digits + scale < 0 else digits
    elif quotient <= _DEC_FITS_TIMES_1E9:
        return 9
    digits = 8
    while digits > 1 and high > _DEC_FITS_TIMES_TEN[digits - 1] >> 64:
        digits -= 1
    if quotient > _DEC_FITS_TIMES_TEN[digits - 1]:
        digits -= 1
    return None if digits + scale < 0 else digits


def _dec_unscale_from_overflow(quotient, scale, sticky):
    """The quotient (just past 96 bits) divided by ten, rounded; None below scale 0."""
    scale -= 1
    if scale < 0:
        return None
    quotient, digit = divmod(quotient, 10)
    if digit > 5 or (digit == 5 and (sticky or quotient & 1)):
        quotient += 1
    return quotient, scale


def _dec_unscale(quotient, scale):
    """Drops trailing zeros the way div.rs's unscale does: eights while the low word is
    zero, then at most a four, a two and a one."""
    while quotient % _DEC_U32 == 0 and scale >= 8 and quotient % 10 ** 8 == 0:
        quotient, scale = quotient // 10 ** 8, scale - 8
    for digits, low_bits in ((4, 16), (2, 4), (1, 2)):
        if quotient % low_bits == 0 and scale >= digits and quotient % 10 ** digits == 0:
            quotient, scale = quotient // 10 ** digits, scale - digits
    return quotient, scale


def _dec_div(a, b):
    """checked_div: None on overflow or division by zero."""
    a_negative, a_mantissa, a_scale = _dec_parts(a)
    b_negative, divisor, b_scale = _dec_parts(b)
    if divisor == 0:
        return None
    if a_mantissa == 0:
        return _DEC_ZERO
    scale = a_scale - b_scale
    quotient, remainder = divmod(a_mantissa, divisor)
    unscale = False
    while remainder != 0 or scale < 0:
        if remainder == 0:
            power_scale = min(9, -scale)
        else:
            unscale = True
            if scale == _DEC_MAX_SCALE:
                power_scale = 0
            else:
                power_scale = _dec_find_scale(quotient, scale)
                if power_scale is None:
                    return None
            if power_scale == 0:
                if 2 * remainder > divisor or (2 * remainder == divisor and quotient & 1):
                    quotient += 1
                    if quotient == _DEC_U96:
                        fitted = _dec_unscale_from_overflow(quotient, scale, True)
                        if fitted is None:
                            return None
                        quotient, scale = fitted
                break
        power = 10 ** power_scale
        scale += power_scale
        quotient *= power
        if quotient >= _DEC_U96:
            return None
        digits, remainder = divmod(remainder * power, divisor)
        quotient += digits
        if quotient >= _DEC_U96:
            fitted = _dec_unscale_from_overflow(quotient, scale, remainder != 0)
            if fitted is None:
                return None
            quotient, scale = fitted
            break
    if unscale:
        quotient, scale = _dec_unscale(quotient, scale)
    return _dec((a_negative != b_negative) and quotient != 0, quotient, scale)


# -- remainder (ops/rem.rs) --
# rust_decimal's remainder is not exact for some operands of very different scales (the
# engines guard against it); it is ported here word by word so that its results are the same.

_DEC_M32 = (1 << 32) - 1
_DEC_M64 = (1 << 64) - 1


def _dec_rem(a, b):
    """checked_rem: the remainder with the sign of `a`; None when `b` is zero."""
    a_negative, a_mantissa, a_scale = _dec_parts(a)
    _, b_mantissa, b_scale = _dec_parts(b)
    if b_mantissa == 0:
        return None
    if a_mantissa == 0:
        return _DEC_ZERO
    common = max(a_scale, b_scale)
    x, y = a_mantissa * 10 ** (common - a_scale), b_mantissa * 10 ** (common - b_scale)
    if x == y:
        return _DEC_ZERO
    if x < y:
        return a
    scale = a_scale - b_scale
    divisor = b_mantissa
    if scale > 0:
        divisor, scale = divisor * 10 ** scale, 0
    dividend, dividend_scale = a_mantissa, a_scale
    while True:
        if scale < 0:
            while True:
                digits = _dec_find_scale(dividend, _DEC_MAX_SCALE + scale)
                if digits is None:
                    return None
                digits = min(digits, 9)
                if digits == 0:
                    break
                dividend, scale = dividend * 10 ** digits, scale + digits
                if digits != 9 or scale >= 0:
                    break
            dividend_scale = b_scale
        if dividend >> 64 == 0:
            rest = dividend % (divisor & _DEC_M64)
            return _dec(a_negative and rest != 0, rest, dividend_scale)
        if divisor >> 32 == 0:
            high = dividend >> 32
            dividend = (((high % divisor) << 32) | (dividend & _DEC_M32)) % divisor
        else:
            return _dec_rem_full(dividend, divisor, scale, a_negative, dividend_scale)
        if scale >= 0:
            break
    return _dec(a_negative and dividend != 0, dividend, dividend_scale)


def _dec_words(value, count):
    return [(value >> (32 * i)) & _DEC_M32 for i in range(count)]


def _dec_rem_full(dividend, divisor, scale, negative, result_scale):
    """rem.rs's rem_full: the dividend scaled up in a 192-bit buffer, then divided."""
    d2 = _dec_words(divisor, 3)
    top = d2[2] if d2[2] else d2[1]
    shift = 32 - top.bit_length()
    d1_low64, d1_mid, d1_hi = dividend & _DEC_M64, (dividend >> 32) & _DEC_M32, dividend >> 64
    buffer = _dec_words((d1_low64 << shift) & _DEC_M64, 2) + _dec_words(
        ((d1_mid + (d1_hi << 32)) >> (32 - shift)) & _DEC_M64, 2) + [0, 0]
    overflow, upper = 0, 3
    while scale < 0:
        power = 10 ** min(-scale, 9)
        carry = buffer[0] * power
        buffer[0] = carry & _DEC_M32
        for index in range(1, 6):
            if index > upper:
                break
            carry = ((carry >> 32) + buffer[index] * power) & _DEC_M64
            buffer[index] = carry & _DEC_M32
        if upper == 6:
            carry = ((carry >> 32) + overflow * power) & _DEC_M64
            overflow = carry & _DEC_M32
        if carry > 0x7FFF_FFFF:
            upper += 1
            if upper > 5:
                overflow = carry >> 32
            else:
                buffer[upper] = carry >> 32
        scale += 9
    low_divisor = ((d2[0] | d2[1] << 32) << shift) & _DEC_M64
    if d2[2] == 0:
        steps = _dec_rem_steps(upper, [(4, [buffer[4], buffer[5], overflow, 0], 2), (3, None, 3),
                                       (2, None, 3)]) + [(1, None, 3), (0, None, 3)]
        for at, words, keep in steps:
            words = words or buffer[at:at + 3] + [0]
            _dec_partial_divide_64(words, low_divisor)
            buffer[at:at + keep] = words[:keep]
        low64 = (buffer[0] | buffer[1] << 32) >> shift
        return _dec(negative and low64 != 0, low64, result_scale)
    high_divisor = ((d2[1] + (d2[2] << 32)) >> (32 - shift)) & _DEC_M32
    wide_divisor = _dec_words(low_divisor, 2) + [high_divisor]
    steps = _dec_rem_steps(upper, [(3, [buffer[3], buffer[4], buffer[5], overflow], 3),
                                   (2, None, 4), (1, None, 4)]) + [(0, None, 4)]
    for at, words, keep in steps:
        words = words or buffer[at:at + 4]
        _dec_partial_divide_96(words, wide_divisor)
        buffer[at:at + keep] = words[:keep]
    carried = (((buffer[2] << (32 - shift)) & _DEC_M64) << 32) & _DEC_M64
    low64 = ((buffer[0] | buffer[1] << 32) >> shift) + carried
    value = (low64 & _DEC_M64) | (buffer[2] >> shift) << 64
    return _dec(negative and value != 0, value, result_scale)


def _dec_rem_steps(upper, steps):
    """The partial divisions rem_full makes from its highest word down: those for words 6,
    5 and 4, each only when the one above it was made (or the highest word is that one)."""
    taken = []
    for word, step in zip((6, 5, 4), steps):
        if upper == word:
            taken.append(step)
            upper -= word > 4
    return taken


def _dec_partial_divide_64(words, divisor):
    """Buf16::partial_divide_64 on four 32-bit words (changed in place); the quotient."""
    low64 = words[0] | words[1] << 32
    if words[2] == 0:
        if low64 < divisor:
            return 0
        quotient = low64 // divisor
        words[0:2] = _dec_words(low64 - quotient * divisor, 2)
        return quotient & _DEC_M32
    divisor_high = divisor >> 32
    if words[2] >= divisor_high:
        low64 = (low64 - ((divisor << 32) & _DEC_M64) + divisor) & _DEC_M64
        quotient = _DEC_M32
        while low64 >= divisor:
            quotient = (quotient - 1) & _DEC_M32
            low64 = (low64 + divisor) & _DEC_M64
        words[0:2] = _dec_words(low64, 2)
        return quotient
    mid64 = words[1] | words[2] << 32
    if mid64 < divisor_high:
        return 0
    quotient = mid64 // divisor_high
    remainder = words[0] | ((mid64 - quotient * divisor_high) << 32) & _DEC_M64
    product = (quotient * (divisor & _DEC_M32)) & _DEC_M64
    remainder = (remainder - product) & _DEC_M64
    if remainder > (~product & _DEC_M64):
        while True:
            quotient = (quotient - 1) & _DEC_M64
            remainder = (remainder + divisor) & _DEC_M64
            if remainder < divisor:
                break
    words[0:2] = _dec_words(remainder, 2)
    return quotient & _DEC_M32


def _dec_partial_divide_96(words, divisor):
    """Buf16::partial_divide_96 on four 32-bit words (changed in place); the quotient."""
    dividend = words[2] | words[3] << 32
    divisor_high = divisor[2]
    if dividend < divisor_high:
        return 0
    quotient = (dividend // divisor_high) & _DEC_M32
    remainder = (words[2] - quotient * divisor_high) & _DEC_M32
    product_low = quotient * divisor[0]
    product_high = quotient * divisor[1] + (product_low >> 32)
    product_low = (product_low & _DEC_M32) | ((product_high << 32) & _DEC_M64)
    product_high >>= 32
    number = ((words[0] | words[1] << 32) - product_low) & _DEC_M64
    remainder = (remainder - product_high) & _DEC_M32
    if number > (~product_low & _DEC_M64):
        remainder = (remainder - 1) & _DEC_M32
        done = remainder < (~product_high & _DEC_M32)
    else:
        done = remainder <= (~product_high & _DEC_M32)
    if not done:
        low_divisor = divisor[0] | divisor[1] << 32
        while True:
            quotient = (quotient - 1) & _DEC_M32
            number = (number + low_divisor) & _DEC_M64
            remainder = (remainder + divisor_high) & _DEC_M32
            if number < low_divisor:
                before = remainder
                remainder = (remainder + 1) & _DEC_M32
                if before < divisor_high:
                    break
            if remainder < divisor_high:
                break
    words[0:3] = _dec_words(number, 2) + [remainder]
    return quotient


# -- rounding and conversions (decimal.rs, ops/array.rs) --

def _dec_round_dp(value, places):
    """round_dp: half to even to `places` decimals (a value with fewer is returned as is)."""
    negative, mantissa, scale = _dec_parts(value)
    if scale <= places:
        return value
    if mantissa == 0:
        return _dec(negative, 0, places)
    power = 10 ** (scale - places)
    quotient = _dec_round_half_even(*divmod(mantissa, power), power)
    return _dec(negative and quotient != 0, quotient, places)


def _dec_trunc(value):
    """trunc: the integer part, keeping the sign (so -0.5 is -0)."""
    negative, mantissa, scale = _dec_parts(value)
    return _dec(negative, mantissa // 10 ** scale, 0)


def _dec_fract(value):
    return _dec_sub(value, _dec_trunc(value))


def _dec_floor(value):
    negative, mantissa, scale = _dec_parts(value)
    if scale == 0:
        return value
    whole = _dec_trunc(value)
    if negative and mantissa % 10 ** scale:
        return _dec_sub(whole, _DEC_ONE)
    return whole


def _dec_normalize(value):
    """normalize: no trailing zeros in the decimals, and zero without a sign."""
    negative, mantissa, scale = _dec_parts(value)
    if mantissa == 0:
        return _DEC_ZERO
    while scale > 0 and mantissa % 10 == 0:
        mantissa, scale = mantissa // 10, scale - 1
    return _dec(negative, mantissa, scale)


def _dec_rescale(value, new_scale):
    """rescale: to `new_scale` decimals, rounding the first dropped digit half up, or
    gaining as many zeros as fit in 96 bits."""
    negative, mantissa, scale = _dec_parts(value)
    if scale == new_scale:
        return value
    if mantissa == 0:
        return _dec(negative, 0, min(new_scale, _DEC_MAX_SCALE))
    if scale > new_scale:
        mantissa //= 10 ** (scale - new_scale - 1)
        mantissa, digit = divmod(mantissa, 10)
        return _dec(negative, mantissa + (digit >= 5), new_scale)
    while scale < new_scale and mantissa * 10 < _DEC_U96:
        mantissa, scale = mantissa * 10, scale + 1
    return _dec(negative, mantissa, scale)


def _dec_to_i64(value):
    """to_i64 of the integer part; None when it does not fit."""
    negative, mantissa, scale = _dec_parts(value)
    whole = mantissa // 10 ** scale
    if negative and whole == _DEC_I64_MAX + 1:
        return -whole
    if whole > _DEC_I64_MAX:
        return None
    return -whole if negative else whole


def _dec_to_i128(value):
    """to_i128 of the integer part (always fits)."""
    negative, mantissa, scale = _dec_parts(value)
    whole = mantissa // 10 ** scale
    return -whole if negative else whole


_DEC_PLAIN_NUMBER = _re.compile(r"[0-9]+(\.[0-9]*)?")


def _dec_from_str(text):
    """Decimal::from_str of digits with an optional point, as str.rs reads them: decimals
    past the 28th, or past 96 bits, are rounded by the next digit; None when the integer
    part does not fit."""
    if not _DEC_PLAIN_NUMBER.fullmatch(text):
        return None
    data, scale, point = 0, 0, False
    for at, c in enumerate(text):
        if c == ".":
            point = True
            continue
        grown = data * 10 + int(c)
        if grown >= _DEC_U96:
            if not point:
                return None
            return _dec_round_by(data, int(c), scale)
        data, scale = grown, scale + point
        rest = text[at + 1:].replace(".", "")
        if point and scale >= _DEC_MAX_SCALE and rest:
            return _dec_round_by(data, int(rest[0]), scale)
    return _dec(False, data, scale)


def _dec_round_by(data, digit, scale):
    """str.rs's maybe_round: one more digit decides; past 96 bits a digit is dropped."""
    if digit >= 5:
        data += 1
        if data >= _DEC_U96:
            if scale == 0:
                return None
            data, scale = (data + 4) // 10, scale - 1
    return _dec(False, data, scale)
