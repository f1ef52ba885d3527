/* pd-camera-preview.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pd-code.h"

G_BEGIN_DECLS

#define PD_TYPE_CAMERA_PREVIEW (pd_camera_preview_get_type ())
G_DECLARE_FINAL_TYPE (PdCameraPreview, pd_camera_preview, PD, CAMERA_PREVIEW, GtkWidget)

GtkWidget  *pd_camera_preview_new           (void);
GdkTexture *pd_camera_preview_get_frame     (PdCameraPreview *self);
void        pd_camera_preview_set_frame     (PdCameraPreview *self,
                                             GdkTexture      *frame);
void        pd_camera_preview_set_outline   (PdCameraPreview *self,
                                             const PdPoint   *corners,
                                             guint            n_corners);
guint       pd_camera_preview_get_n_corners (PdCameraPreview *self);
void        pd_camera_preview_flash         (PdCameraPreview *self);

G_END_DECLS
