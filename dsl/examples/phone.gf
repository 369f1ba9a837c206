# Phone numbers written any which way, as 555-123-4567: the last three digit groups.
concat(token(x, Number, -3), "-", token(x, Number, -2), "-", token(x, Number, -1))
