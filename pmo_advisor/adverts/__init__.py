"""Reading a whole job advert: its text, its demands, its level, and its fit.

:mod:`~pmo_advisor.adverts.source` turns a file (plain text, Markdown or a saved web
page) into a title and plain sentences; :mod:`~pmo_advisor.adverts.reading` finds the
demands in them, each with its quote, by the phrases of ``data/advert_phrases.yaml``;
:mod:`~pmo_advisor.adverts.level` turns the demands into the evidence a person's answers
give and places the advert with the placement rules a person is placed by;
:mod:`~pmo_advisor.adverts.fit` weighs a person against it. The results are in
:mod:`~pmo_advisor.adverts.model`. Only the ``advert`` command loads this package.
"""
