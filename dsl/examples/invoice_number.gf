# Invoice numbers padded to six digits: "inv 42" -> "INV-000042".
concat("INV-", pad_left(token(x, Number, 0), 6, "0"))
