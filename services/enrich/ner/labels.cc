#include "services/enrich/ner/labels.h"

namespace newswire::ner {

bool LabelAllowed(int prev, int label, bool last) {
  bool open = prev != kBos && prev != kOutside &&
              (LabelPosOf(prev) == kB || LabelPosOf(prev) == kI);
  if (label == kOutside) return !open;
  int pos = LabelPosOf(label);
  if (last && (pos == kB || pos == kI)) return false;
  if (open) {
    return (pos == kI || pos == kL) && LabelClass(label) == LabelClass(prev);
  }
  return pos == kB || pos == kU;
}

std::vector<TokenSpan> LabelsToSpans(const std::vector<int>& labels) {
  std::vector<TokenSpan> spans;
  int start = -1;
  for (int i = 0; i < static_cast<int>(labels.size()); ++i) {
    int l = labels[i];
    if (l == kOutside) {
      start = -1;
      continue;
    }
    int pos = LabelPosOf(l);
    if (pos == kU) {
      spans.push_back({i, i + 1, LabelClass(l)});
      start = -1;
    } else if (pos == kB) {
      start = i;
    } else if (pos == kL && start >= 0) {
      spans.push_back({start, i + 1, LabelClass(l)});
      start = -1;
    }
  }
  return spans;
}

std::vector<int> SpansToLabels(const std::vector<TokenSpan>& spans, int n) {
  std::vector<int> labels(n, kOutside);
  for (const TokenSpan& s : spans) {
    if (s.end - s.begin == 1) {
      labels[s.begin] = MakeLabel(s.cls, kU);
      continue;
    }
    for (int i = s.begin; i < s.end; ++i) {
      LabelPos p = i == s.begin ? kB : i == s.end - 1 ? kL : kI;
      labels[i] = MakeLabel(s.cls, p);
    }
  }
  return labels;
}

}  // namespace newswire::ner
