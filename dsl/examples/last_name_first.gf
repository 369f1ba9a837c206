# "John Smith" -> "Smith, J.": the last word, a comma, then the first initial.
concat(token(x, Word, -1), ", ", sub(x, 0, 1), ".")
