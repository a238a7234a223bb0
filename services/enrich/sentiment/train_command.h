// `newswire train-sentiment`: trains the target-sentiment model on NewsMTSC,
// picks L2 strength and epoch count on the dev sets, and writes the model
// file (weights + merged lexicon valences + the word vectors of
// --sentiment_vectors, if given).
//
// Example (what `make train-sentiment` runs):
//   newswire train-sentiment --sentiment_data=../shared/data
//       --sentiment_vectors=build/ner-embeddings/glove-6b-100d.txt
//       --sentiment_l2=0.3 --sentiment_epochs=13
//       --sentiment_out=models/sentiment/newsmtsc.nwsm
//
// With --sentiment_epochs=N and a single --sentiment_l2 value nothing is
// chosen: it trains N epochs and only scores the --sentiment_eval sets
// (name=file pairs; --sentiment_train names the training files), which is how
// scripts/crossval.py trains each fold.
//
// Flags (all prefixed sentiment_) are defined in train_command.cc.
// Errors: prints the failing status to stderr and returns a non-zero code.
#ifndef NEWSWIRE_SERVICES_ENRICH_SENTIMENT_TRAIN_COMMAND_H_
#define NEWSWIRE_SERVICES_ENRICH_SENTIMENT_TRAIN_COMMAND_H_

namespace newswire::sentiment {

// Runs training as configured by the flags. Exit code.
int RunTraining();

}  // namespace newswire::sentiment

#endif  // NEWSWIRE_SERVICES_ENRICH_SENTIMENT_TRAIN_COMMAND_H_
