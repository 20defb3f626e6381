"""Tests of the plan-document parser (tongxin.parser)."""
