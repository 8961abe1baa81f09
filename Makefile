# Good Practice Transfer Portal: the commands a newcomer needs.
#   make site   - set up, validate, generate and build the site into site/
#   make serve  - the same, then serve on http://127.0.0.1:8000 with live reload
#   make preview - as make serve, with drafts and pages under review
#   make test   - set up if needed, then run the whole test suite
#   make check  - validate the content only
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: site serve preview test check clean new-case bench kit

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(PY) -m generator build

serve: $(STAMP)
	$(PY) -m generator serve

preview: $(STAMP)
	$(PY) -m generator serve --preview

check: $(STAMP)
	$(PY) -m generator check

test: $(STAMP)
	$(PY) -m pytest -q

clean:
	rm -rf build site .site.* dist

# make new-case TITLE="..." CITY="..." COUNTRY=XX  (asks for what is missing)
new-case: $(STAMP)
	$(PY) -m generator new case $(if $(TITLE),--title "$(TITLE)") $(if $(CITY),--city "$(CITY)") $(if $(COUNTRY),--country "$(COUNTRY)")

# Benchmark (not part of the tests): prints one table; see README "Performance".
bench: $(STAMP)
	$(PY) benchmarks/bench.py --serve

# The portal offline (dist/portal-offline.zip) with the workshop pack and practice cards; then the site again.
# make kit KIT_LANGUAGES=en,es  - one kit per language (dist/portal-offline-es.zip, ...)
kit: $(STAMP)
	$(PY) -m generator kit $(if $(KIT_LANGUAGES),--languages $(KIT_LANGUAGES))
