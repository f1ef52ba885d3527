/* fake-cameras.h: cameras plugged in and out by a test, through GStreamer's own
 * device monitoring (a device provider registered in the test process)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

void       pd_fake_cameras_register (void);
GstDevice *pd_fake_cameras_plug     (const char *display_name,
                                     const char *path);
void       pd_fake_cameras_unplug   (GstDevice  *device);

G_END_DECLS
