#!/usr/bin/env python3
"""Cross-check (not a test): cir4j's Combiner against the reference PyTorch code.

The FULL variant is the reference's combiner.py (ABaldrati/CLIP4Cir) verbatim; the ablations follow the paper's
formulas (section 4.4). Input: the JSON written by CombinerDump.java.

    java -Dai.djl.offline=true -cp "cir4j-app/target/cir4j-app.jar:cir4j-app/target/lib/*" \
        scripts/crosscheck/CombinerDump.java /tmp/combiner.json
    /usr/bin/python3 scripts/crosscheck/clip4cir_combiner.py /tmp/combiner.json   # needs python3-torch
"""
import json, sys
import torch
import torch.nn as nn
import torch.nn.functional as F


class Combiner(nn.Module):
    """combiner.py of the reference implementation."""

    def __init__(self, clip_feature_dim: int, projection_dim: int, hidden_dim: int):
        super(Combiner, self).__init__()
        self.text_projection_layer = nn.Linear(clip_feature_dim, projection_dim)
        self.image_projection_layer = nn.Linear(clip_feature_dim, projection_dim)
        self.dropout1 = nn.Dropout(0.5)
        self.dropout2 = nn.Dropout(0.5)
        self.combiner_layer = nn.Linear(projection_dim * 2, hidden_dim)
        self.output_layer = nn.Linear(hidden_dim, clip_feature_dim)
        self.dropout3 = nn.Dropout(0.5)
        self.dynamic_scalar = nn.Sequential(nn.Linear(projection_dim * 2, hidden_dim), nn.ReLU(), nn.Dropout(0.5),
                                            nn.Linear(hidden_dim, 1), nn.Sigmoid())
        self.logit_scale = 100

    def forward(self, image_features, text_features, target_features):
        predicted_features = self.combine_features(image_features, text_features)
        target_features = F.normalize(target_features, dim=-1)
        logits = self.logit_scale * predicted_features @ target_features.T
        return logits

    def combine_features(self, image_features, text_features, variant="full"):
        if variant == "sum":  # element_wise_sum of the reference utils
            return F.normalize(image_features + text_features, dim=-1)
        text_projected_features = self.dropout1(F.relu(self.text_projection_layer(text_features)))
        image_projected_features = self.dropout2(F.relu(self.image_projection_layer(image_features)))
        raw_combined_features = torch.cat((text_projected_features, image_projected_features), -1)
        combined_features = self.dropout3(F.relu(self.combiner_layer(raw_combined_features)))
        v = self.output_layer(combined_features)
        if variant == "without-convex":
            return F.normalize(v, dim=-1)
        if variant == "static-skip":
            return F.normalize(v + 0.5 * text_features + 0.5 * image_features, dim=-1)
        dynamic_scalar = self.dynamic_scalar(raw_combined_features)
        mix = dynamic_scalar * text_features + (1 - dynamic_scalar) * image_features
        if variant == "convex":
            return F.normalize(mix, dim=-1)
        return F.normalize(v + mix, dim=-1)


def main(path):
    data = json.load(open(path))
    b, d = data["batch"], data["dim"]
    img = torch.tensor(data["image"]).reshape(b, d)
    txt = torch.tensor(data["text"]).reshape(b, d)
    tgt = torch.tensor(data["target"]).reshape(b, d)
    worst = 0.0
    for v in data["variants"]:
        c = v["config"]
        model = Combiner(c["feature_dim"], c["projection_dim"], c["hidden_dim"]).eval()
        state = model.state_dict()
        for k, t in v["weights"].items():
            state[k] = torch.tensor(t["values"]).reshape(t["shape"])
        model.load_state_dict(state)
        with torch.no_grad():
            q = model.combine_features(img, txt, v["variant"])
            logits = 100 * q @ F.normalize(tgt, dim=-1).T
        dq = (q.flatten() - torch.tensor(v["combined"])).abs().max().item()
        dl = (logits.flatten() - torch.tensor(v["logits"])).abs().max().item()
        print("%-15s max |Δ combined| %.2e   max |Δ logits| %.2e" % (v["variant"], dq, dl))
        worst = max(worst, dq, dl / 100)
    print("OK" if worst < 1e-5 else "MISMATCH")
    return 0 if worst < 1e-5 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
