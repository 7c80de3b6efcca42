"""How strong is the suite: one-change mutants of the judged interpreter's own tempfile.py.

Map (read in this order):

* ``source``    -- the judged interpreter and its tempfile.py;
* ``mutate``    -- the AST mutator: every one-change mutant, with a stable id;
* ``sandbox``   -- bubblewrap around every run of mutated code;
* ``run``       -- this suite and CPython's test_tempfile on each mutant, compared with the copy;
* ``survivors`` -- the checked-in classification of survivors (survivors.toml) and the figures;
* ``page``      -- the docs page "How strong is this suite", generated from results and table;
* ``cli``       -- ``python -m strength``.

Why not mutmut or cosmic-ray: both mutate a project's own package in place and
judge a mutant by one test command's exit status; here the mutated file is a
copy of the stdlib's, judged clause by clause against its unmutated verdicts,
each run inside a sandbox.
"""
