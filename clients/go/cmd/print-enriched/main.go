// Command print-enriched prints each enriched story as it arrives:
//
//	go run ./cmd/print-enriched -brokers 127.0.0.1:9092 [-topic_prefix demo-1.] \
//	    [-subscription strikes]   # wire.sub.strikes instead of wire.enriched
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os/signal"
	"syscall"

	newswire "newswire/clients/go"
)

func main() {
	brokers := flag.String("brokers", "127.0.0.1:9092", "bootstrap servers")
	topic := flag.String("topic", "", "topic to read (default "+newswire.DefaultTopic+")")
	subscription := flag.String("subscription", "", "read wire.sub.<name> instead of -topic")
	prefix := flag.String("topic_prefix", "", "topic name prefix")
	group := flag.String("group_id", "newswire-example-go", "consumer group")
	max := flag.Int("max", 0, "stop after N stories (0: no limit)")
	timeout := flag.Duration("timeout", 0, "stop after this long (0: no limit)")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if *timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *timeout)
		defer cancel()
	}
	sub, err := newswire.New(newswire.Config{Brokers: *brokers, GroupID: *group,
		Topic: *topic, Subscription: *subscription, TopicPrefix: *prefix})
	if err != nil {
		log.Fatal(err)
	}
	defer sub.Close()
	err = sub.Run(ctx, *max, func(_ context.Context, s *newswire.Story) error {
		flags := ""
		if s.IsUpdate() {
			flags += " [UPDATE]"
		}
		if s.IsKill() {
			flags += " [KILL]"
		}
		via := ""
		if s.Subscription != "" {
			via = " via " + s.Subscription
		}
		fmt.Printf("%s  (%s%s)%s\n", s.Headline(), s.Verdict(), flags, via)
		for _, e := range s.Article.GetEntities() {
			fmt.Printf("    %-12s %-28s %s\n", e.GetType(), e.GetCanonicalId(), e.GetCanonicalName())
		}
		sent := s.Article.GetSentiment()
		fmt.Printf("    sentiment %s %+.2f\n", sent.GetLabel(), sent.GetScore())
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
}
