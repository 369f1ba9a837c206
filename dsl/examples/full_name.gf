# Two columns, first name (x0) and last name (x1): "SURNAME, Given".
concat(case(trim(x1), upper), ", ", case(trim(x0), proper))
