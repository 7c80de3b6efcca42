"""Tests of the matrix, the interpreter layer and the async bridge."""
