# ISO dates spelled out, built from parts: the month name comes from a lookup table and
# to_int/to_str drop the day's leading zero. date(x, iso, long) does the same in one call.
concat(
  lookup(month_name, token(x, Number, 1)),   # "03" -> "March"
  " ",
  to_str(to_int(token(x, Number, 2))),       # "05" -> "5"
  ", ",
  token(x, Number, 0)                        # the year
)
