"""Mutant: A max_size that is no number is treated as 'no limit'.

Must go red: badinput.max-size.typeerror.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "badinput.max-size.typeerror",
)

_check = spooled.SpooledTemporaryFile._check_size


def _check_size(self):
    try:
        _check(self)
    except TypeError:
        pass


spooled.SpooledTemporaryFile._check_size = _check_size

_mutant.expose(__name__)
