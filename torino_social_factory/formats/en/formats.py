"""English formats for a European audience: "Thursday 23 January 2020, 16:00", "1,500,000".

Day before month and the 24-hour clock, as in Italian, so the two editions show the
same times the same way (Django's ``en`` module is American: "Jan. 23, 2020, 4 p.m.").
"""

DATE_FORMAT = "j F Y"  # 23 January 2020
DATETIME_FORMAT = "l j F Y, H:i"  # Thursday 23 January 2020, 16:00
TIME_FORMAT = "H:i"  # 16:00
YEAR_MONTH_FORMAT = "F Y"  # January 2020
MONTH_DAY_FORMAT = "j F"  # 23 January
SHORT_DATE_FORMAT = "d/m/Y"  # 23/01/2020
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 23/01/2020 16:00
FIRST_DAY_OF_WEEK = 1  # Monday

# Day first, as the dates are shown (Django's en accepts 01/23/2020 first).
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
