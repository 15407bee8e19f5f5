"""Reading council sites: one scraper per kind of site (:mod:`index.sites.base`).

:mod:`index.sites.moderngov` reads modern.gov sites; :mod:`index.sites.http` is the polite
client every scraper fetches through; :mod:`index.sites.meeting` turns what a scraper read
into the pipeline's :class:`~index.models.Meeting`. :mod:`index.sync` drives them.
"""
