package newswire

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"newswire/clients/go/wirepb"
)

// These tests read the pipeline's real output: clients/tests/run.sh runs the
// services on the sample feed plus clients/testdata first. Expected values
// are what `newswire process` gives for the same files.

type env struct {
	brokers, prefix string
	expected        int
}

func getEnv(t *testing.T) env {
	t.Helper()
	var e env
	// Missing environment is a failure, not a skip: run via make test-clients.
	for name, dst := range map[string]*string{
		"NEWSWIRE_TEST_BROKERS": &e.brokers, "NEWSWIRE_TEST_TOPIC_PREFIX": &e.prefix} {
		if *dst = os.Getenv(name); *dst == "" {
			t.Fatalf("%s is not set: run `make test-clients`", name)
		}
	}
	n, err := strconv.Atoi(os.Getenv("NEWSWIRE_TEST_EXPECTED_ENRICHED"))
	if err != nil {
		t.Fatalf("NEWSWIRE_TEST_EXPECTED_ENRICHED: %v", err)
	}
	e.expected = n
	return e
}

var groupSeq int

func newSub(t *testing.T, e env, group string) *Subscriber {
	t.Helper()
	s, err := New(Config{Brokers: e.brokers, GroupID: group, TopicPrefix: e.prefix})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func uniqueGroup(e env) string {
	groupSeq++
	return fmt.Sprintf("%sgo-%d-%d", e.prefix, time.Now().UnixNano(), groupSeq)
}

func readAll(t *testing.T, e env) []*Story {
	t.Helper()
	sub := newSub(t, e, uniqueGroup(e))
	defer sub.Close()
	if sub.Topic() != e.prefix+"wire.enriched" {
		t.Fatalf("topic %q", sub.Topic())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var got []*Story
	if err := sub.Run(ctx, e.expected, func(_ context.Context, s *Story) error {
		got = append(got, s)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != e.expected {
		t.Fatalf("read %d stories, want %d", len(got), e.expected)
	}
	return got
}

func TestPipelineOutput(t *testing.T) {
	e := getEnv(t)
	stories := readAll(t, e)
	by := map[string]*Story{}
	for _, s := range stories {
		by[s.Headline()] = s
		if s.IsDuplicate() {
			t.Errorf("duplicate on wire.enriched: %v", s.Headline())
		}
	}
	if len(by) != 11 || e.expected != 11 {
		t.Fatalf("%d distinct headlines of %d records, want 11", len(by), e.expected)
	}
	get := func(h string) *Story {
		s, ok := by[h]
		if !ok {
			t.Fatalf("no story %q", h)
		}
		return s
	}

	t.Run("ferry strike entities and sentiment", func(t *testing.T) {
		s := get("Ferry crews walk out in Port Ellis over night-shift pay")
		if s.Verdict() != wirepb.Verdict_UNIQUE || s.IsUpdate() || s.IsKill() {
			t.Errorf("verdict %v update %v kill %v", s.Verdict(), s.IsUpdate(), s.IsKill())
		}
		want := map[string]string{
			"nw:per:ad7f948a3e22c700": "PERSON Maria Okonkwo",
			"nw:org:e7716aeaa1332bba": "ORGANIZATION Harbour Workers Union",
			"nw:org:841ca23121642ded": "ORGANIZATION Bay Crossing Lines",
		}
		body := []byte(s.Article.GetArticle().GetBody())
		found := map[string]string{}
		for _, en := range s.Article.GetEntities() {
			found[en.GetCanonicalId()] = en.GetType().String() + " " + en.GetCanonicalName()
			if string(body[en.GetBegin():en.GetEnd()]) != en.GetText() {
				t.Errorf("entity %q offsets %d..%d", en.GetText(), en.GetBegin(), en.GetEnd())
			}
		}
		for id, w := range want {
			if found[id] != w {
				t.Errorf("entity %s = %q, want %q", id, found[id], w)
			}
		}
		if sc := s.Article.GetSentiment().GetScore(); sc >= 0 ||
			s.Article.GetSentiment().GetLabel() != wirepb.SentimentLabel_NEGATIVE {
			t.Errorf("sentiment %v", s.Article.GetSentiment())
		}
	})

	t.Run("market stories stay apart", func(t *testing.T) {
		up := get("Northbridge stocks close higher as lenders rally")
		down := get("Northbridge stocks close lower as miners slide")
		if up.StoryID() == down.StoryID() || up.Verdict() != wirepb.Verdict_UNIQUE ||
			down.Verdict() != wirepb.Verdict_UNIQUE {
			t.Errorf("up %v %s, down %v %s", up.Verdict(), up.StoryID(), down.Verdict(), down.StoryID())
		}
		if !(up.Article.GetSentiment().GetScore() > 0 && down.Article.GetSentiment().GetScore() < 0) {
			t.Errorf("sentiment up %v down %v", up.Article.GetSentiment(), down.Article.GetSentiment())
		}
	})

	t.Run("update and kill", func(t *testing.T) {
		first := get("Tarnholm bridge closed after cracks found in main span")
		upd := get("Tarnholm bridge to reopen to cars next week, engineers say")
		kill := get("KILL: Tarnholm bridge to reopen to cars next week")
		if first.Verdict() != wirepb.Verdict_UNIQUE || first.IsUpdate() || first.IsKill() {
			t.Errorf("first: %v", first.Verdict())
		}
		if !upd.IsUpdate() || upd.IsKill() || upd.Article.GetDedup().GetStoryVersion() != 2 {
			t.Errorf("update: %v v%d", upd.Verdict(), upd.Article.GetDedup().GetStoryVersion())
		}
		if !kill.IsKill() || kill.Article.GetDedup().GetStoryVersion() != 3 {
			t.Errorf("kill: %v %v", kill.Verdict(), kill.Article.GetArticle().GetPubStatus())
		}
		if first.StoryID() != upd.StoryID() || upd.StoryID() != kill.StoryID() {
			t.Errorf("story ids %s %s %s", first.StoryID(), upd.StoryID(), kill.StoryID())
		}
	})
}

func TestHandlerErrorRedelivers(t *testing.T) {
	e := getEnv(t)
	all := readAll(t, e)
	group := uniqueGroup(e)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	sub := newSub(t, e, group)
	boom := errors.New("handler failed")
	var seen []int64
	err := sub.Run(ctx, 0, func(_ context.Context, s *Story) error {
		seen = append(seen, s.Offset)
		if len(seen) == 3 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Run returned %v, want the handler's error", err)
	}
	if len(seen) != 3 || seen[2] != all[2].Offset {
		t.Fatalf("seen %v", seen)
	}
	// The same subscriber gets the failed record again.
	var again []int64
	if err := sub.Run(ctx, 1, func(_ context.Context, s *Story) error {
		again = append(again, s.Offset)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(again) != 1 || again[0] != all[2].Offset {
		t.Fatalf("after the failure got %v, want [%d]", again, all[2].Offset)
	}
	sub.Close()

	// A new member of the group resumes after the last handled record.
	sub2 := newSub(t, e, group)
	defer sub2.Close()
	var next []int64
	if err := sub2.Run(ctx, 1, func(_ context.Context, s *Story) error {
		next = append(next, s.Offset)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(next) != 1 || next[0] != all[3].Offset {
		t.Fatalf("next member got %v, want [%d]", next, all[3].Offset)
	}
}

func TestStoryAccessors(t *testing.T) {
	s := &Story{Article: &wirepb.EnrichedArticle{
		Article: &wirepb.Article{PubStatus: wirepb.PubStatus_PUB_STATUS_CANCELED},
		Dedup:   &wirepb.DedupResult{Verdict: wirepb.Verdict_NEAR_DUPLICATE},
	}}
	if !s.IsKill() || !s.IsDuplicate() || s.IsUpdate() {
		t.Errorf("kill %v duplicate %v update %v", s.IsKill(), s.IsDuplicate(), s.IsUpdate())
	}
}
