# ---- number patterns: the spreadsheet TEXT() pattern language (gemfill-dsl num/pattern.rs) --

_PLAIN_LITERALS = frozenset("$€£¥₹₩-+():/")


def _number_pattern_error(source, problem):
    return LibraryError(f'pattern "{source}": {problem}')


class NumberPattern:
    """A parsed number pattern (`#,##0.00`, `0.0%`, `0.00;(0.00)`), ready to write values."""

    def __init__(self, source):
        self.source = source
        try:
            raw_sections = _split_number_sections(source)
            if len(raw_sections) > 3:
                raise _PatternProblem(
                    "a pattern has at most three sections: positive;negative;zero")
            self.sections = [_NumberSection(raw) for raw in raw_sections]
        except _PatternProblem as problem:
            raise _number_pattern_error(source, problem) from None

    def __str__(self):
        return self.source

    def format(self, value):
        """`value` written with this pattern (never fails)."""
        shown = _Digits.of(value)
        magnitude = _Digits(False, shown.digits, shown.scale)
        if shown.negative and len(self.sections) >= 2:
            section, minus = self.sections[1], False
        else:
            section, minus = self.sections[0], shown.negative
        if magnitude.is_zero() or section.rounded(magnitude)[0].is_zero():
            zero = self.sections[2] if len(self.sections) > 2 else self.sections[0]
            return zero.write(magnitude)
        written = section.write(magnitude)
        return "-" + written if minus else written


class _PatternProblem(Exception):
    """What is wrong with a pattern (the caller names the pattern)."""


def _split_number_sections(source):
    """The pattern's sections as lists of raw tokens: ("literal", text), ("digit", zero),
    ("sep", c), ("percent", c), ("exponent", (upper, plus))."""
    sections, current, at = [], [], 0
    while at < len(source):
        c = source[at]
        at += 1
        if c == ";":
            sections.append(current)
            current = []
            continue
        if c == '"':
            close = source.find('"', at)
            if close < 0:
                raise _PatternProblem("a double quote is not closed")
            token = ("literal", source[at:close])
            at = close + 1
        elif c == "\\":
            if at >= len(source):
                raise _PatternProblem("a backslash at the end escapes nothing")
            token = ("literal", source[at])
            at += 1
        elif c in "0#":
            token = ("digit", c == "0")
        elif c in ".,' ":
            token = ("sep", c)
        elif c in "%‰":
            token = ("percent", c)
        elif c in "Ee" and source[at:at + 1] in ("+", "-"):
            token = ("exponent", (c == "E", source[at] == "+"))
            at += 1
        elif c in _PLAIN_LITERALS:
            token = ("literal", c)
        else:
            raise _PatternProblem(
                f"'{c}' is not a number placeholder; put literal text in double quotes")
        current.append(token)
    sections.append(current)
    if any(not section for section in sections):
        raise _PatternProblem("the pattern is empty")
    return sections


def _placeholders_after(raw, at):
    """The placeholders right after the separator at `at` (True for 0, False for #)."""
    out = []
    for kind, value in raw[at + 1:]:
        if kind != "digit":
            break
        out.append(value)
    return out


def _dot_groups(raw, at):
    """Whether the `.` at `at` groups: after a # and before exactly three placeholders of
    which the last is 0 (#.##0; #.### keeps three optional decimals)."""
    after_hash = at > 0 and raw[at - 1] == ("digit", False)
    following = _placeholders_after(raw, at)
    return after_hash and len(following) == 3 and following[2]


class _NumberSection:
    """One section of a number pattern: tokens ("literal", text), ("int",), ("point",),
    ("frac",), ("exponent", upper, plus), ("exp",) and the counts that writing needs."""

    def __init__(self, raw):
        exponent_at = next((i for i, (kind, _) in enumerate(raw) if kind == "exponent"), None)
        mantissa_end = len(raw) if exponent_at is None else exponent_at
        digit_ats = [i for i in range(mantissa_end) if raw[i][0] == "digit"]
        if exponent_at is not None and (
                not digit_ats or not any(kind == "digit" for kind, _ in raw[mantissa_end:])):
            raise _PatternProblem(
                "scientific notation needs digit placeholders before and after 'E'")
        first = digit_ats[0] if digit_ats else len(raw) + 1
        last = digit_ats[-1] if digit_ats else 0
        inside = [first <= at <= last for at in range(len(raw))]
        inside_seps = [value for at, (kind, value) in enumerate(raw)
                       if inside[at] and kind == "sep"]
        decimal = None
        if "." in inside_seps and "," in inside_seps:
            decimal = next(c for c in reversed(inside_seps) if c in ".,")
        comma_count = inside_seps.count(",")
        self.tokens = []
        self.decimal, self.grouping = ".", None
        self.int_min = self.int_places = self.frac_min = self.frac_max = self.exp_min = 0
        self.power, engineering, self.has_digits = 0, False, bool(digit_ats)
        seen_point = int_zero_seen = False
        for at, (kind, value) in enumerate(raw):
            if kind == "sep":
                is_decimal = (value == decimal if decimal is not None
                              else not _dot_groups(raw, at) if value == "."
                              else comma_count == 1 and len(_placeholders_after(raw, at)) != 3
                              if value == "," else False)
                groups_space = (at > 0 and raw[at - 1][0] == "digit"
                                and at + 1 < len(raw) and raw[at + 1][0] == "digit")
                if (at > last and at < mantissa_end and value == "." and not seen_point
                        and self.has_digits):
                    seen_point, self.decimal = True, value
                    token = ("point",)
                elif value == "." and at + 1 == first and not seen_point:
                    seen_point = True
                    token = ("point",)
                elif value == " " and not groups_space:
                    token = ("literal", " ")
                elif not inside[at]:
                    raise _PatternProblem(
                        f"'{value}' must stand between digit placeholders (0 or #)")
                elif is_decimal:
                    if seen_point:
                        raise _PatternProblem("a number has only one decimal separator")
                    seen_point, self.decimal = True, value
                    token = ("point",)
                else:
                    if seen_point:
                        raise _PatternProblem(
                            f"'{value}' groups digits, which decimals cannot have")
                    if self.grouping is None:
                        self.grouping = value
                    continue
            elif kind == "literal":
                token = ("literal", value)
            elif kind == "percent":
                self.power += 2 if value == "%" else 3
                token = ("literal", value)
            elif kind == "exponent":
                token = ("exponent", value[0], value[1])
            elif exponent_at is not None and at > exponent_at:
                self.exp_min += 1 if value or self.exp_min > 0 else 0
                token = ("exp",)
            elif seen_point:
                self.frac_max += 1
                if value:
                    self.frac_min = self.frac_max
                token = ("frac",)
            else:
                if self.int_places == 0 and not value:
                    engineering = True
                int_zero_seen = int_zero_seen or value
                self.int_places += 1
                self.int_min += 1 if int_zero_seen else 0
                token = ("int",)
            self.tokens.append(token)
        if seen_point and self.int_places == 0:
            # `.00` still writes the integer digits, before the point.
            point = self.tokens.index(("point",)) if ("point",) in self.tokens else 0
            self.tokens.insert(point, ("int",))
            self.int_places = 1
        self.engineering = engineering and self.int_places > 1
        self.has_exponent = any(token[0] == "exponent" for token in self.tokens)

    def rounded(self, magnitude):
        """The magnitude scaled by % and ‰, rounded to the decimals shown, and its exponent."""
        scaled = magnitude.shifted(self.power)
        places = self.frac_max
        if not self.has_exponent or scaled.is_zero():
            return scaled.round_half_away(places), 0
        int_places = max(self.int_places, 1)
        lead = scaled.leading_exponent()
        step = int_places if self.engineering else 1
        if self.engineering:
            exponent = lead // int_places * int_places
        else:
            exponent = lead - (int_places - 1)
        mantissa = scaled.shifted(-exponent).round_half_away(places)
        if mantissa.leading_exponent() >= int_places:
            exponent += step
            mantissa = scaled.shifted(-exponent).round_half_away(places)
        return mantissa, exponent

    def write(self, magnitude):
        """A magnitude written with this section (the caller adds any minus)."""
        if not self.has_digits:
            return "".join(token[1] for token in self.tokens if token[0] == "literal")
        mantissa, exponent = self.rounded(magnitude)
        whole, fraction = mantissa.split(self.frac_max)
        while len(fraction) > self.frac_min and fraction[-1] == 0:
            fraction.pop()
        whole = [0] * max(self.int_min - len(whole), 0) + whole
        int_parts = _fill_from_right(whole, self.int_places, self.grouping)
        exp_digits = [int(c) for c in str(abs(exponent))]
        if exponent == 0 and self.exp_min == 0:
            exp_digits = []
        exp_digits = [0] * max(self.exp_min - len(exp_digits), 0) + exp_digits
        exp_parts = _fill_from_right(exp_digits, self.tokens.count(("exp",)), None)
        out, int_at, frac_at, exp_at = [], 0, 0, 0
        for token in self.tokens:
            kind = token[0]
            if kind == "literal":
                out.append(token[1])
            elif kind == "int":
                out.append(int_parts[int_at])
                int_at += 1
            elif kind == "point":
                if fraction:
                    out.append(self.decimal)
            elif kind == "frac":
                if frac_at < len(fraction):
                    out.append(str(fraction[frac_at]))
                frac_at += 1
            elif kind == "exponent":
                out.append("E" if token[1] else "e")
                if exponent < 0:
                    out.append("-")
                elif token[2]:
                    out.append("+")
            else:
                out.append(exp_parts[exp_at])
                exp_at += 1
        return "".join(out)


def _fill_from_right(digits, places, grouping):
    """Shares digits among `places` placeholders from the right (the leftmost takes the
    rest), with a grouping separator after every third digit from the right."""
    parts = [""] * places
    count = len(digits)
    for from_left, digit in enumerate(digits):
        from_right = count - 1 - from_left
        place = max(max(places - 1, 0) - from_right, 0)
        if place >= places:
            continue
        parts[place] += str(digit)
        if grouping is not None and from_right > 0 and from_right % 3 == 0:
            parts[place] += grouping
    return parts
