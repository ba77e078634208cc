package main

import (
	"encoding/json"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/strategy"
)

func encodeProfile(p segment.Profile) ([]byte, error) { return json.Marshal(&p) }

func decodeProfile(data []byte) (segment.Profile, error) {
	var p segment.Profile
	err := json.Unmarshal(data, &p)
	return p, err
}

func encodeAccumulator(a *strategy.Accumulator) ([]byte, error) { return json.Marshal(a) }

func decodeAccumulator(data []byte) (*strategy.Accumulator, error) {
	a := &strategy.Accumulator{}
	return a, json.Unmarshal(data, a)
}

func encodeModel(m strategy.Model) ([]byte, error) { return json.Marshal(m) }

func decodeModel(data []byte) (strategy.Model, error) {
	var m strategy.Model
	err := json.Unmarshal(data, &m)
	return m, err
}
