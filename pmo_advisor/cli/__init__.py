"""The command line: a thin skin over :class:`~pmo_advisor.advisor.Advisor`.

:mod:`~pmo_advisor.cli.main` is the entry point, where errors become exit codes;
:mod:`~pmo_advisor.cli.app` declares the typer commands; :mod:`~pmo_advisor.cli.options`
checks flags; :mod:`~pmo_advisor.cli.present` chooses the format, width, colour and
pager and writes the result; the commands themselves (:mod:`~pmo_advisor.cli.commands`,
:mod:`~pmo_advisor.cli.assess`, :mod:`~pmo_advisor.cli.team`) parse, call the Advisor and
render. Nothing outside this package imports it.
"""
