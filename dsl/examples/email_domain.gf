# The domain of an e-mail address (after the last @), or a note when there is none.
if(
  contains(x, "@"),
  case(sub(x, plus(find(x, "@", -1), 1), len(x)), lower),
  "no e-mail"
)
