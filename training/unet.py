"""A small DDPM U-Net (Ho et al. 2020; Nichol & Dhariwal 2021) with class conditioning.

Shapes: sample (N, C, H, W) float32 in [-1, 1]; timestep (N,) int64 in [0, T);
class_labels (N,) int64 in [0, num_classes] where num_classes is the null class used
for classifier-free guidance. Output: predicted noise eps, (N, C, H, W).
H and W must be multiples of 2 ** (len(channel_mult) - 1).
"""
import math

import torch
from torch import nn
import torch.nn.functional as F


def timestep_embedding(t, dim):
    """Sinusoidal embedding of integer timesteps (Transformer / DDPM), (N,) -> (N, dim)."""
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32, device=t.device) / half)
    args = t.float()[:, None] * freqs[None, :]
    return torch.cat([torch.sin(args), torch.cos(args)], dim=1)


def linear_alpha_bar(T=1000, beta_start=1e-4, beta_end=0.02):
    """alpha_bar_t of DDPM's linear beta schedule (the schedule every model here is trained and exported with)."""
    betas = torch.linspace(beta_start, beta_end, T, dtype=torch.float32)
    return torch.cumprod(1 - betas, dim=0)


class ResBlock(nn.Module):
    """GroupNorm-SiLU-Conv twice, with the time(+class) embedding added in between."""

    def __init__(self, cin, cout, emb_dim, dropout=0.1):
        super().__init__()
        self.norm1 = nn.GroupNorm(8, cin)
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.emb = nn.Linear(emb_dim, cout)
        self.norm2 = nn.GroupNorm(8, cout)
        self.drop = nn.Dropout(dropout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x, emb):
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.emb(F.silu(emb))[:, :, None, None]
        h = self.conv2(self.drop(F.silu(self.norm2(h))))
        return h + self.skip(x)


class Attention(nn.Module):
    """Single-head self-attention over the spatial positions."""

    def __init__(self, ch):
        super().__init__()
        self.norm = nn.GroupNorm(8, ch)
        self.qkv = nn.Conv2d(ch, 3 * ch, 1)
        self.proj = nn.Conv2d(ch, ch, 1)

    def forward(self, x):
        n, c, h, w = x.shape
        q, k, v = self.qkv(self.norm(x)).reshape(n, 3, c, h * w).unbind(1)
        attn = torch.softmax(torch.einsum("ncq,nck->nqk", q, k) / math.sqrt(c), dim=-1)
        out = torch.einsum("nqk,nck->ncq", attn, v).reshape(n, c, h, w)
        return x + self.proj(out)


class UNet(nn.Module):
    def __init__(self, in_channels=1, base=32, channel_mult=(1, 2, 2), num_res_blocks=1,
                 num_classes=10, attn_lowest=True, dropout=0.1, out_channels=None):
        super().__init__()
        self.in_channels = in_channels
        self.num_classes = num_classes
        self.base = base
        emb_dim = 4 * base
        self.time_mlp = nn.Sequential(nn.Linear(base, emb_dim), nn.SiLU(), nn.Linear(emb_dim, emb_dim))
        # index num_classes is the null label (classifier-free guidance)
        self.class_emb = nn.Embedding(num_classes + 1, emb_dim) if num_classes else None
        self.conv_in = nn.Conv2d(in_channels, base, 3, padding=1)

        chans = [base * m for m in channel_mult]
        self.down = nn.ModuleList()
        skip_ch = [base]
        ch = base
        for level, cout in enumerate(chans):
            for _ in range(num_res_blocks):
                self.down.append(ResBlock(ch, cout, emb_dim, dropout))
                ch = cout
                skip_ch.append(ch)
            if level < len(chans) - 1:
                self.down.append(nn.Conv2d(ch, ch, 3, stride=2, padding=1))
                skip_ch.append(ch)
        self.mid1 = ResBlock(ch, ch, emb_dim, dropout)
        self.mid_attn = Attention(ch) if attn_lowest else nn.Identity()
        self.mid2 = ResBlock(ch, ch, emb_dim, dropout)

        self.up = nn.ModuleList()
        for level, cout in reversed(list(enumerate(chans))):
            for _ in range(num_res_blocks + 1):
                self.up.append(ResBlock(ch + skip_ch.pop(), cout, emb_dim, dropout))
                ch = cout
            if level == len(chans) - 1 and attn_lowest:
                self.up.append(Attention(ch))
            if level > 0:
                self.up.append(nn.Upsample(scale_factor=2, mode="nearest"))
                self.up.append(nn.Conv2d(ch, ch, 3, padding=1))
        self.norm_out = nn.GroupNorm(8, ch)
        self.conv_out = nn.Conv2d(ch, out_channels or in_channels, 3, padding=1)

    def forward(self, sample, timestep, class_labels=None):
        emb = self.time_mlp(timestep_embedding(timestep, self.base))
        if self.class_emb is not None:
            if class_labels is None:
                class_labels = torch.full_like(timestep, self.num_classes)
            emb = emb + self.class_emb(class_labels)
        h = self.conv_in(sample)
        skips = [h]
        for layer in self.down:
            h = layer(h, emb) if isinstance(layer, ResBlock) else layer(h)
            skips.append(h)
        h = self.mid2(self.mid_attn(self.mid1(h, emb)), emb)
        for layer in self.up:
            if isinstance(layer, ResBlock):
                h = layer(torch.cat([h, skips.pop()], dim=1), emb)
            else:
                h = layer(h)
        return self.conv_out(F.silu(self.norm_out(h)))


class ConditionalUNet(nn.Module):
    """Image-conditioned U-Net (SR3 / Palette): the condition's k channels come first in `sample`,
    sample = cat(condition, x_t), (N, k + 1, H, W) -> (N, 1, H, W).

    residual="output": the output is the condition's first channel plus the network's output (a regression net
    that learns the correction to the observed image; with in_channels=0 and the timestep ignored, the
    CARE-style baseline).
    residual="diffusion": the net diffuses the residual r0 = x0 - condition (the clean image minus the observed
    one) while the graph keeps the usual x0-space contract: r_t = x_t - sqrt(ab) condition goes in, and its
    v-prediction comes out as x0-space v = v_r - sqrt(1 - ab) condition (from v = sqrt(ab) eps - sqrt(1 - ab) x0,
    Salimans & Ho 2022). Any sampler of x0-space v-prediction then runs it unchanged.
    """

    def __init__(self, cond_channels=1, in_channels=1, residual="output", **unet):
        super().__init__()
        self.cond_channels = cond_channels
        self.residual = residual
        self.net = UNet(in_channels=cond_channels + in_channels, out_channels=1, num_classes=0, **unet)
        if residual == "diffusion":
            self.register_buffer("alpha_bar", linear_alpha_bar())

    def forward(self, sample, timestep):
        cond = sample[:, :self.cond_channels]
        if self.residual == "diffusion":
            ab = self.alpha_bar[timestep][:, None, None, None]
            r_t = sample[:, self.cond_channels:] - ab.sqrt() * cond[:, :1]
            return self.net(torch.cat([cond, r_t], dim=1), timestep) - (1 - ab).sqrt() * cond[:, :1]
        out = self.net(sample, timestep)
        return out + cond[:, :1] if self.residual == "output" else out
