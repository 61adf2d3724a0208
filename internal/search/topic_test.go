package search

import (
	"context"
	"errors"
	"testing"
)

func TestTopicFilter(t *testing.T) {
	docs := []Doc{
		{ID: "term:bone", Kind: KindTerm, Title: "Bone", URL: "/glossary/bone", Body: "Bone is living tissue."},
		{ID: "tier:a/fundamentals", Kind: KindTier, Title: "Bone and cancer", URL: "/articles/a/fundamentals",
			Tier: "fundamentals", Body: "Bone can thin during cancer treatment.", Topics: []string{"breast-cancer", "bone-health"}},
		{ID: "tier:a/academic", Kind: KindTier, Title: "Bone and cancer", URL: "/articles/a/academic",
			Tier: "academic", Body: "Bone loss follows estrogen deprivation.", Topics: []string{"breast-cancer", "bone-health"}},
		{ID: "tier:b/fundamentals", Kind: KindTier, Title: "Walking", URL: "/articles/b/fundamentals",
			Tier: "fundamentals", Body: "Walking loads bone and keeps it strong.", Topics: []string{"exercise"}},
		{ID: "tier:c/fundamentals", Kind: KindTier, Title: "No topic", URL: "/articles/c/fundamentals",
			Tier: "fundamentals", Body: "Bone without a topic."},
	}
	ix, err := Build(docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	for _, c := range []struct {
		opts Options
		want []string
	}{
		{Options{}, []string{"tier:a/academic", "tier:a/fundamentals", "tier:b/fundamentals", "tier:c/fundamentals"}},
		{Options{Topic: "exercise"}, []string{"tier:b/fundamentals"}},
		{Options{Topic: "bone-health"}, []string{"tier:a/academic", "tier:a/fundamentals"}},
		{Options{Topic: "breast-cancer", Tier: "fundamentals"}, []string{"tier:a/fundamentals"}},
	} {
		r, err := ix.Search(ctx, "bone", c.opts)
		if err != nil {
			t.Fatalf("%+v: %v", c.opts, err)
		}
		got := map[string]bool{}
		for _, h := range r.Tiers {
			got[h.ID] = true
		}
		if len(got) != len(c.want) || r.TierTotal != len(c.want) {
			t.Errorf("%+v: tiers %v (total %d), want %v", c.opts, got, r.TierTotal, c.want)
		}
		for _, id := range c.want {
			if !got[id] {
				t.Errorf("%+v: %s missing from %v", c.opts, id, got)
			}
		}
		if len(r.Terms) != 1 {
			t.Errorf("%+v: glossary entries %d, want 1: a topic does not filter the glossary", c.opts, len(r.Terms))
		}
	}
	if _, err := ix.Search(ctx, "bone", Options{Topic: "no-such-topic"}); !errors.Is(err, ErrUnknownTopic) {
		t.Errorf("unknown topic: %v", err)
	}
}
