"""How news copy writes the size of a figure. Plain Python: no Django import.

The wire's event matching and the assistant's fact check both read "1.2 million", "3,600 crore"
and "$300m" through this one table.
"""

# The words and abbreviations that scale the number before them, to their factor.
SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "lakh": 1e5,
    "lakhs": 1e5,
    "million": 1e6,
    "millions": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "crore": 1e7,
    "crores": 1e7,
    "billion": 1e9,
    "billions": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}
