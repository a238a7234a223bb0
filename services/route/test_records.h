// Records for the route tests.
#ifndef NEWSWIRE_SERVICES_ROUTE_TEST_RECORDS_H_
#define NEWSWIRE_SERVICES_ROUTE_TEST_RECORDS_H_

#include <string>

#include "newswire/v1/wire.pb.h"

namespace newswire::route::testing {

// A record of story `story` with one entity summary entry per (id, name,
// score) given.
struct TestEntity {
  std::string id;
  std::string name;
  double score = 0;
  v1::EntityType type = v1::PERSON;
};

inline v1::EnrichedArticle MakeRecord(
    const std::string& story, const std::string& headline,
    const std::string& body, std::initializer_list<TestEntity> entities = {}) {
  v1::EnrichedArticle r;
  r.mutable_article()->set_id(story + "-v");
  r.mutable_article()->set_headline(headline);
  r.mutable_article()->set_body(body);
  r.mutable_article()->set_language("en");
  r.mutable_article()->set_source("agency-a");
  r.mutable_article()->set_priority(5);
  r.mutable_dedup()->set_story_id(story);
  r.mutable_dedup()->set_verdict(v1::UNIQUE);
  for (const TestEntity& e : entities) {
    v1::EntitySummary* s = r.add_entity_summary();
    s->set_canonical_id(e.id);
    s->set_canonical_name(e.name);
    s->set_type(e.type);
    s->set_mentions(1);
    s->mutable_sentiment()->set_score(e.score);
  }
  return r;
}

}  // namespace newswire::route::testing

#endif  // NEWSWIRE_SERVICES_ROUTE_TEST_RECORDS_H_
