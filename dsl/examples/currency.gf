# Amounts as dollars and cents, with thousands separators.
number(x, currency)
