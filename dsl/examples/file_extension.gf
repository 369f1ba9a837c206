# The extension of a file name, in lower case, or "(none)".
if(
  contains(x, "."),
  case(sub(x, plus(start(x, '.', -1), 1), len(x)), lower),
  "(none)"
)
