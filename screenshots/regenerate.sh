#!/usr/bin/env bash
# Renders every screenshot the README shows, headless, from the built jar (mvn -B -ntp -DskipTests package first).
# Usage: bash screenshots/regenerate.sh        (from the project folder)
set -euo pipefail
cd "$(dirname "$0")/.."
shot() { java -jar target/backstep.jar screenshot "$@" --out screenshots; }
big=(--size 1920x1080 --scale 1.5 --theme dark)

shot xor-2-4-1 --epochs 700 --name xor-training
shot xor-2-4-1 --epochs 300 --size 1280x800 --name xor-1280x800
shot slides-035-07 --term 'delta(h2)' --name slides-delta-h2
shot mazur-2-2-2 --mode gradients --term 'dEdw(h1->o1)' --name mazur-gradients

shot slides-035-07 --term 12 --theme high-contrast --scale 1.5 --size 1920x1080 --spotlight --svg \
  --name lecture-high-contrast
shot xor-2-4-1 --epochs 400 --theme dark --scale 2 --size 1920x1080 --name lecture-dark-scaled

shot slides-035-07 --view errata --term 'delta(h2)' "${big[@]}" --name errata-slides
shot xor-2-4-1 --view gradient-check --epochs 200 "${big[@]}" --name gradient-check
shot deep-sigmoid --view gradient-flow --epochs 60 "${big[@]}" --name gradient-flow-deep-sigmoid
shot deep-relu --view gradient-flow --epochs 60 "${big[@]}" --name gradient-flow-deep-relu
shot xor-2-4-1 --view chain-rule "${big[@]}" --name chain-rule
shot xor-2-4-1 --view gradient-descent "${big[@]}" --name gradient-descent
shot xor-2-4-1 --view race --epochs 3000 "${big[@]}" --name optimizer-race
shot xor-2-4-1 --view landscape --epochs 500 "${big[@]}" --name loss-landscape
shot xor-2-4-1 --view unit-maps --epochs 500 "${big[@]}" --name unit-maps

shot digits --view weight-images --epochs 10 "${big[@]}" --name weight-images
shot digits --view confusion --epochs 10 "${big[@]}" --name confusion-matrix
shot digits --view samples --epochs 10 "${big[@]}" --name sample-browser
if [ -d /usr/share/datasets/fashion-mnist ]; then
  shot fashion-mnist --view weight-images --epochs 1 "${big[@]}" --name weight-images-fashion-mnist
fi

# States the command line cannot reach (a past moment, a divergence, dialogs) are rendered by tests on request.
mvn -B -ntp -q test -Dtest='TimelineScreenshots,EditingScreenshots' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dheadless.geometry=1920x1200-32 -Dbackstep.screenshots=screenshots
