# Two-letter codes become state names; anything else is tidied up as a title.
if(
  matches(trim(x), Caps),
  lookup(state_name, x),
  case(trim(x), title)
)
