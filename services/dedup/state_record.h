// The wire.dedup-state record of one indexed document, and its key.
//
// Key: "d:" + 16 hex digits of the document's sequence number (so each
// document has its own key and compaction keeps exactly the documents still
// in the window; eviction writes a tombstone, an empty value). Value: a
// fixed little-endian layout led by a format byte, followed by the story id:
//
//   u8 format (0xD1) | i64 time | i64 clock | u64 exact_hash | u32 features
//   | u8 signature[64] | u64 key_bits[2] | u64 story_root_seq
//   | i32 story_version | u64 provider_hash | i32 provider_version
//   | story id bytes (rest)
//
// About 140 bytes a document, decoded without allocation except the id.
//
// Example:
//   std::string key = StateKey(seq);
//   std::string value = EncodeDocState(doc);
//   ASSIGN_OR_RETURN(uint64_t seq2, ParseStateKey(key));
//   RETURN_IF_ERROR(DecodeDocState(value, &doc2));
//
// Thread-safe (pure functions). Decoding errors are DataLoss.
#ifndef NEWSWIRE_SERVICES_DEDUP_STATE_RECORD_H_
#define NEWSWIRE_SERVICES_DEDUP_STATE_RECORD_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/dedup/text_features.h"

namespace newswire::dedup {

struct DocState {
  // The document's own time (seconds) and the index clock after it.
  int64_t time = 0;
  int64_t clock = 0;
  TextFeatures features;
  // The sequence number of the story's first document, its id (the first
  // article's id) and its version after this document.
  uint64_t story_root_seq = 0;
  std::string story_id;
  int32_t story_version = 1;
  // This document's provider id fingerprint (0 if none) and the highest
  // version seen of that provider id in the story, this document included.
  // (Records written before stories could hold several provider ids carry
  // the story's last provider id here; restoring them links that id.)
  uint64_t provider_hash = 0;
  int32_t provider_version = 0;
};

std::string StateKey(uint64_t seq);
absl::StatusOr<uint64_t> ParseStateKey(absl::string_view key);

std::string EncodeDocState(const DocState& doc);
absl::Status DecodeDocState(absl::string_view value, DocState* doc);

}  // namespace newswire::dedup

#endif  // NEWSWIRE_SERVICES_DEDUP_STATE_RECORD_H_
