/* qr-frames.h: QR code images for the camera and Verify view tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

GdkPixbuf *pd_test_qr_pixbuf    (const char  *text,
                                 int          width,
                                 int          height);
void       pd_test_write_qr_png (const char  *text,
                                 int          width,
                                 int          height,
                                 const char  *path);
char      *pd_test_write_frames (const char  *dir,
                                 const char * const *texts,
                                 guint        frames_per_text,
                                 int          width,
                                 int          height);

G_END_DECLS
