/* qr-gen.h: QR codes drawn into grey frames, and the ways real pictures degrade them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <qrencode.h>

#include "pd-code.h"

G_BEGIN_DECLS

typedef struct {
  guint8 *pixels; /* packed grey, stride == width */
  int     width;
  int     height;
} QrFrame;

/* Where and how a code is drawn: module size in pixels, quiet zone in modules, centre,
 * rotation in degrees, perspective (0 = none; 0.1 = one edge 10% shorter). */
typedef struct {
  double module;
  int    quiet;
  double cx, cy;
  double angle;
  double perspective;
  guint8 dark, light;
} QrPlacement;

QrFrame *qr_frame_new        (int            width,
                              int            height,
                              guint8         fill);
void     qr_frame_free       (QrFrame       *frame);
QrFrame *qr_frame_copy       (const QrFrame *frame);
void     qr_frame_texture    (QrFrame       *frame,
                              GRand         *rand);

QRcode  *qr_gen_encode       (const guint8  *data,
                              gsize          len);
QRcode  *qr_gen_encode_text  (const char    *text);
QrPlacement qr_gen_placement (double         module,
                              double         cx,
                              double         cy);
void     qr_gen_draw         (QrFrame           *frame,
                              const QRcode      *qr,
                              const QrPlacement *placement,
                              PdPoint            corners[4]);
QrFrame *qr_gen_frame_for_text (const char  *text,
                                int          width,
                                int          height,
                                double       module);

void     qr_gen_blur         (QrFrame       *frame,
                              double         sigma);
void     qr_gen_noise        (QrFrame       *frame,
                              double         sigma,
                              GRand         *rand);
void     qr_gen_invert       (QrFrame       *frame);
void     qr_gen_contrast     (QrFrame       *frame,
                              guint8         lo,
                              guint8         hi);
void     qr_gen_glare        (QrFrame       *frame,
                              double         cx,
                              double         cy,
                              double         radius,
                              double         strength);
void     qr_gen_jpeg         (QrFrame       *frame,
                              int            quality);
QrFrame *qr_gen_scaled       (const QrFrame *frame,
                              double         factor);
gboolean qr_gen_save_png     (const QrFrame *frame,
                              const char    *path);
gboolean qr_gen_save_jpeg    (const QrFrame *frame,
                              const char    *path,
                              int            quality);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QrFrame, qr_frame_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QRcode, QRcode_free)

G_END_DECLS
