// Package newswire subscribes to newswire's enriched topic and hands each
// record to the caller as a decoded newswire.v1.EnrichedArticle.
//
// Delivery is at least once: a record's offset is committed only after the
// handler returned nil for it. Records are read with read_committed, so only
// records of committed pipeline transactions are seen.
package newswire

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/twmb/franz-go/pkg/kgo"
	"google.golang.org/protobuf/proto"

	"newswire/clients/go/wirepb"
)

// DefaultTopic is the topic the enrich stage writes.
const DefaultTopic = "wire.enriched"

// newswire-route writes subscription <name> to SubscriptionTopicPrefix + name
// (after the services' topic prefix), each record with SubscriptionHeader.
const (
	SubscriptionTopicPrefix = "wire.sub."
	SubscriptionHeader      = "newswire-subscription"
)

var subscriptionName = regexp.MustCompile(`^[a-z0-9-]+$`)

// SubscriptionTopic is the topic of subscription name, without a topic
// prefix: SubscriptionTopic("korea-nuclear") is "wire.sub.korea-nuclear". A
// name route would reject (not [a-z0-9-]+) is an error.
func SubscriptionTopic(name string) (string, error) {
	if !subscriptionName.MatchString(name) {
		return "", fmt.Errorf("newswire: subscription name %q must match [a-z0-9-]+", name)
	}
	return SubscriptionTopicPrefix + name, nil
}

// Config says where to read from. Brokers and GroupID are required.
type Config struct {
	Brokers string // host:port[,host:port...]
	GroupID string // consumer group: offsets are kept per group
	Topic   string // DefaultTopic when empty
	// Subscription reads that subscription's topic, wire.sub.<Subscription>,
	// instead of Topic (give one or the other).
	Subscription string
	TopicPrefix  string // prepended to the topic (test runs use a unique one)
	// FromLatest starts a group with no committed offset at the end of the
	// topic instead of its beginning.
	FromLatest bool
	// Extra client options (TLS, SASL, logging).
	Options []kgo.Opt
}

// Story is one decoded record and where it came from.
type Story struct {
	Article   *wirepb.EnrichedArticle
	Topic     string
	Partition int32
	Offset    int64
	Key       []byte
	// Subscription is the record's SubscriptionHeader (set by newswire-route
	// on wire.sub.<name>); empty on other topics.
	Subscription string
}

// Headline of the story version.
func (s *Story) Headline() string { return s.Article.GetArticle().GetHeadline() }

// Verdict is the dedup verdict: UNIQUE, UPDATE, EXACT_DUPLICATE or NEAR_DUPLICATE.
func (s *Story) Verdict() wirepb.Verdict { return s.Article.GetDedup().GetVerdict() }

// StoryID is shared by every version of one story.
func (s *Story) StoryID() string { return s.Article.GetDedup().GetStoryId() }

// IsUpdate reports a new version of a story already delivered.
func (s *Story) IsUpdate() bool { return s.Verdict() == wirepb.Verdict_UPDATE }

// IsDuplicate reports an exact or near duplicate (only on wire.duplicates).
func (s *Story) IsDuplicate() bool {
	v := s.Verdict()
	return v == wirepb.Verdict_EXACT_DUPLICATE || v == wirepb.Verdict_NEAR_DUPLICATE
}

// IsKill reports a cancelled story: withdraw every version of it.
func (s *Story) IsKill() bool {
	return s.Article.GetArticle().GetPubStatus() == wirepb.PubStatus_PUB_STATUS_CANCELED
}

// Handler processes one story. Returning an error stops Run; that record's
// offset is not committed and it is delivered again.
type Handler func(ctx context.Context, s *Story) error

// Subscriber consumes one topic as a member of a consumer group.
type Subscriber struct {
	client *kgo.Client
	topic  string
}

// New connects a subscriber (it joins the group on the first Run).
func New(cfg Config) (*Subscriber, error) {
	if cfg.Brokers == "" || cfg.GroupID == "" {
		return nil, errors.New("newswire: Brokers and GroupID are required")
	}
	topic := cfg.Topic
	if cfg.Subscription != "" {
		if topic != "" {
			return nil, errors.New("newswire: give Topic or Subscription, not both")
		}
		var err error
		if topic, err = SubscriptionTopic(cfg.Subscription); err != nil {
			return nil, err
		}
	}
	if topic == "" {
		topic = DefaultTopic
	}
	topic = cfg.TopicPrefix + topic
	reset := kgo.NewOffset().AtStart()
	if cfg.FromLatest {
		reset = kgo.NewOffset().AtEnd()
	}
	opts := []kgo.Opt{
		kgo.SeedBrokers(strings.Split(cfg.Brokers, ",")...),
		kgo.ConsumerGroup(cfg.GroupID),
		kgo.ConsumeTopics(topic),
		kgo.FetchIsolationLevel(kgo.ReadCommitted()),
		kgo.ConsumeResetOffset(reset),
		// Offsets are committed by Run after the handler, never in the background.
		kgo.DisableAutoCommit(),
		// No rebalance between a poll and the commit of what it returned.
		kgo.BlockRebalanceOnPoll(),
	}
	opts = append(opts, cfg.Options...)
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return nil, err
	}
	return &Subscriber{client: cl, topic: topic}, nil
}

// Topic is the full topic name read (prefix included).
func (s *Subscriber) Topic() string { return s.topic }

// Run delivers stories in partition order until ctx is done (returns nil),
// maxRecords stories were handled (0: no limit) or the handler or Kafka
// fails (returns the error). The offsets of handled records are committed
// before Run returns; a failed record is rewound so the next Run gets it
// again.
func (s *Subscriber) Run(ctx context.Context, maxRecords int, h Handler) error {
	handled := 0
	for maxRecords == 0 || handled < maxRecords {
		fetches := s.client.PollFetches(ctx)
		if ctx.Err() != nil {
			s.client.AllowRebalance()
			return nil
		}
		if errs := fetches.Errors(); len(errs) > 0 {
			s.client.AllowRebalance()
			e := errs[0]
			return fmt.Errorf("newswire: fetch %s[%d]: %w", e.Topic, e.Partition, e.Err)
		}
		var done []*kgo.Record
		var failed error
		rewind := map[string]map[int32]kgo.EpochOffset{}
		fetches.EachRecord(func(r *kgo.Record) {
			if failed != nil || (maxRecords > 0 && handled >= maxRecords) {
				// Not handled: the next poll must return it again.
				if _, ok := rewind[r.Topic][r.Partition]; !ok {
					if rewind[r.Topic] == nil {
						rewind[r.Topic] = map[int32]kgo.EpochOffset{}
					}
					rewind[r.Topic][r.Partition] = kgo.EpochOffset{Epoch: -1, Offset: r.Offset}
				}
				return
			}
			story, err := decode(r)
			if err == nil {
				err = h(ctx, story)
			}
			if err != nil {
				failed = err
				if rewind[r.Topic] == nil {
					rewind[r.Topic] = map[int32]kgo.EpochOffset{}
				}
				rewind[r.Topic][r.Partition] = kgo.EpochOffset{Epoch: -1, Offset: r.Offset}
				return
			}
			done = append(done, r)
			handled++
		})
		if len(rewind) > 0 {
			s.client.SetOffsets(rewind)
		}
		var commitErr error
		if len(done) > 0 {
			commitErr = s.client.CommitRecords(context.WithoutCancel(ctx), done...)
		}
		s.client.AllowRebalance()
		if failed != nil {
			return failed
		}
		if commitErr != nil {
			return fmt.Errorf("newswire: commit: %w", commitErr)
		}
	}
	return nil
}

// Close leaves the group (offsets were committed by Run).
func (s *Subscriber) Close() { s.client.Close() }

func decode(r *kgo.Record) (*Story, error) {
	a := &wirepb.EnrichedArticle{}
	if err := proto.Unmarshal(r.Value, a); err != nil {
		return nil, fmt.Errorf("newswire: %s[%d]@%d is not an EnrichedArticle: %w",
			r.Topic, r.Partition, r.Offset, err)
	}
	s := &Story{Article: a, Topic: r.Topic, Partition: r.Partition, Offset: r.Offset, Key: r.Key}
	for _, h := range r.Headers {
		if h.Key == SubscriptionHeader {
			s.Subscription = string(h.Value)
		}
	}
	return s, nil
}
