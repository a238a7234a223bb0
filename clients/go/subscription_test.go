package newswire

import (
	"bufio"
	"context"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"
)

// What each subscription receives is clients/tests/expected-routes.tsv, which
// clients/tests/run.sh checks against `newswire process --subscriptions`
// before the kits run; run.sh also counts the records on each wire.sub.<name>
// (NEWSWIRE_TEST_SUBSCRIPTION_RECORDS) so that extra records fail too.

type route struct{ kind, headline string }

// expectedRoutes reads the fixture: subscription -> stories in order (empty
// for a "none" line), and the subscription names in file order.
func expectedRoutes(t *testing.T) (map[string][]route, []string) {
	t.Helper()
	path := os.Getenv("NEWSWIRE_TEST_EXPECTED_ROUTES")
	if path == "" {
		t.Fatal("NEWSWIRE_TEST_EXPECTED_ROUTES is not set: run `make test-clients`")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	routes := map[string][]route{}
	var names []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 3 {
			t.Fatalf("%s: bad line %q", path, line)
		}
		if _, ok := routes[fields[0]]; !ok {
			names = append(names, fields[0])
			routes[fields[0]] = nil
		}
		if fields[1] != "none" {
			routes[fields[0]] = append(routes[fields[0]], route{fields[1], fields[2]})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return routes, names
}

// routedCounts parses NEWSWIRE_TEST_SUBSCRIPTION_RECORDS ("name=count ...").
func routedCounts(t *testing.T) map[string]int {
	t.Helper()
	counts := map[string]int{}
	for _, item := range strings.Fields(os.Getenv("NEWSWIRE_TEST_SUBSCRIPTION_RECORDS")) {
		name, n, ok := strings.Cut(item, "=")
		c, err := strconv.Atoi(n)
		if !ok || err != nil {
			t.Fatalf("NEWSWIRE_TEST_SUBSCRIPTION_RECORDS: bad item %q", item)
		}
		counts[name] = c
	}
	if len(counts) == 0 {
		t.Fatal("NEWSWIRE_TEST_SUBSCRIPTION_RECORDS is not set: run `make test-clients`")
	}
	return counts
}

func kindOf(s *Story) string {
	switch {
	case s.IsKill():
		return "kill"
	case s.IsUpdate():
		return "update"
	}
	return "new"
}

func readSubscription(t *testing.T, e env, name string, n int) []*Story {
	t.Helper()
	sub, err := New(Config{Brokers: e.brokers, GroupID: uniqueGroup(e),
		TopicPrefix: e.prefix, Subscription: name})
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Close()
	if sub.Topic() != e.prefix+"wire.sub."+name {
		t.Fatalf("topic %q", sub.Topic())
	}
	var got []*Story
	if n == 0 { // Run's 0 is "no limit"; run.sh found the topic empty
		return got
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := sub.Run(ctx, n, func(_ context.Context, s *Story) error {
		got = append(got, s)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != n {
		t.Fatalf("%s: read %d records, route wrote %d", name, len(got), n)
	}
	return got
}

func TestSubscriptionTopic(t *testing.T) {
	if got, err := SubscriptionTopic("korea-nuclear"); err != nil || got != "wire.sub.korea-nuclear" {
		t.Errorf("SubscriptionTopic = %q, %v", got, err)
	}
	for _, bad := range []string{"", "Korea", "korea nuclear", "a.b", "wire.sub.x"} {
		if _, err := SubscriptionTopic(bad); err == nil {
			t.Errorf("SubscriptionTopic(%q) accepted", bad)
		}
		if _, err := New(Config{Brokers: "b:1", GroupID: "g", Subscription: bad}); bad != "" && err == nil {
			t.Errorf("New with Subscription %q accepted", bad)
		}
	}
	if _, err := New(Config{Brokers: "b:1", GroupID: "g", Topic: "t", Subscription: "strikes"}); err == nil {
		t.Error("New with both Topic and Subscription accepted")
	}
}

func TestSubscriptions(t *testing.T) {
	e := getEnv(t)
	routes, names := expectedRoutes(t)
	counts := routedCounts(t)
	var countNames []string
	for n := range counts {
		countNames = append(countNames, n)
	}
	sort.Strings(countNames)
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	if !reflect.DeepEqual(countNames, sorted) {
		t.Fatalf("run.sh counted %v, the fixture lists %v", countNames, sorted)
	}

	enriched := readAll(t, e)
	byHeadline := map[string]*Story{}
	versions := map[string][]int32{}
	for _, s := range enriched {
		byHeadline[s.Headline()] = s
		versions[s.StoryID()] = append(versions[s.StoryID()], s.Article.GetDedup().GetStoryVersion())
		if s.Subscription != "" {
			t.Errorf("wire.enriched record %q names subscription %q", s.Headline(), s.Subscription)
		}
	}

	routed := map[string][]*Story{}
	for _, name := range names {
		routed[name] = readSubscription(t, e, name, counts[name])
	}

	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			got, want := routed[name], routes[name]
			var gotRoutes []route
			in := map[string]bool{}
			for _, s := range got {
				gotRoutes = append(gotRoutes, route{kindOf(s), s.Headline()})
				in[s.Headline()] = true
				// The header names the subscription, and the kit surfaces it.
				if s.Subscription != name {
					t.Errorf("%q: subscription %q", s.Headline(), s.Subscription)
				}
				// The same record as on wire.enriched: same key, same content.
				orig, ok := byHeadline[s.Headline()]
				if !ok || string(orig.Key) != string(s.Key) || !proto.Equal(orig.Article, s.Article) {
					t.Errorf("%q differs from its wire.enriched record", s.Headline())
				}
			}
			if !reflect.DeepEqual(gotRoutes, want) {
				t.Errorf("got %v\nwant %v", gotRoutes, want)
			}
			// Known stories that are not in it.
			absent := 0
			wanted := map[string]bool{}
			for _, r := range want {
				wanted[r.headline] = true
			}
			for h := range byHeadline {
				if !wanted[h] {
					absent++
					if in[h] {
						t.Errorf("%q is in %s", h, name)
					}
				}
			}
			if absent == 0 {
				t.Error("a subscription that receives every story tests nothing")
			}
		})
	}

	// A subscription that received a version of a story receives every later
	// version, update or kill, in order, whether or not it matches.
	t.Run("updates and kills follow their story", func(t *testing.T) {
		var updates, kills int
		for _, name := range names {
			byStory := map[string][]*Story{}
			var order []string
			for _, s := range routed[name] {
				if _, ok := byStory[s.StoryID()]; !ok {
					order = append(order, s.StoryID())
				}
				byStory[s.StoryID()] = append(byStory[s.StoryID()], s)
			}
			for _, id := range order {
				got := byStory[id]
				first := got[0].Article.GetDedup().GetStoryVersion()
				var want, have []int32
				for _, v := range versions[id] {
					if v >= first {
						want = append(want, v)
					}
				}
				for _, s := range got {
					have = append(have, s.Article.GetDedup().GetStoryVersion())
				}
				if !reflect.DeepEqual(have, want) {
					t.Errorf("%s story %s: versions %v, want %v", name, id, have, want)
				}
				for _, s := range got[1:] {
					if s.IsKill() {
						kills++
					} else if s.IsUpdate() {
						updates++
					}
				}
			}
		}
		// The feed has an update and a kill of a routed story (the bridge).
		if updates == 0 || kills == 0 {
			t.Errorf("follow-ups: %d updates, %d kills; want both", updates, kills)
		}
	})
}
