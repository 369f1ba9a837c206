# Keep only the digits: map over each one and join them with nothing.
map(x, Digit, w, "")
