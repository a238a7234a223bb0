# Cross-validated accuracy beside the dev scores (scripts/crossval.py).
#   make cv-ner        5 folds by document over CoNLL-2003 train+dev
#   make cv-sentiment  5 folds by article over NewsMTSC train+rw dev+mt dev
# Folds are seeded (CV_SEED); every fold trains with the committed model's
# settings and a fixed epoch count. Fold files and models go to build/cv/
# (they hold the data: never commit them); a fold finished by the same binary
# and settings is not rerun, one finished by another is.
.PHONY: cv-ner cv-sentiment

CV_FOLDS ?= 5
CV_SEED ?= 1
CV_DATA ?= ../shared/data

CV_RUN = cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null \
	&& ninja -C build newswire \
	&& NEWSWIRE_DATA=$(CV_DATA) python3 scripts/crossval.py

cv-ner:
	$(CV_RUN) ner --folds $(CV_FOLDS) --seed $(CV_SEED)

cv-sentiment:
	$(CV_RUN) sentiment --folds $(CV_FOLDS) --seed $(CV_SEED)
