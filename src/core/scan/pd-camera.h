/* pd-camera.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-code.h"

G_BEGIN_DECLS

typedef enum
{
  PD_CAMERA_STATE_STOPPED,
  PD_CAMERA_STATE_STARTING,
  PD_CAMERA_STATE_LOOKING,
  PD_CAMERA_STATE_FOUND,
  PD_CAMERA_STATE_NO_CAMERA,
  PD_CAMERA_STATE_ERROR,
} PdCameraState;

#define PD_TYPE_CAMERA_DEVICE (pd_camera_device_get_type ())
G_DECLARE_FINAL_TYPE (PdCameraDevice, pd_camera_device, PD, CAMERA_DEVICE, GObject)

PdCameraDevice *pd_camera_device_new              (const char     *display_name,
                                                   const char     *path);
const char     *pd_camera_device_get_display_name (PdCameraDevice *self);
const char     *pd_camera_device_get_path         (PdCameraDevice *self);

#define PD_TYPE_CAMERA (pd_camera_get_type ())
G_DECLARE_FINAL_TYPE (PdCamera, pd_camera, PD, CAMERA, GObject)

PdCamera      *pd_camera_new                 (void);
void           pd_camera_start               (PdCamera   *self);
void           pd_camera_stop                (PdCamera   *self);
void           pd_camera_set_paused          (PdCamera   *self,
                                              gboolean    paused);
gboolean       pd_camera_get_paused          (PdCamera   *self);
void           pd_camera_forget_codes        (PdCamera   *self);
PdCameraState  pd_camera_get_state           (PdCamera   *self);
const char    *pd_camera_get_error_message   (PdCamera   *self);
const char    *pd_camera_get_pipeline        (PdCamera   *self);
void           pd_camera_set_pipeline        (PdCamera   *self,
                                              const char *pipeline);
const char    *pd_camera_get_device          (PdCamera   *self);
void           pd_camera_set_device          (PdCamera   *self,
                                              const char *device);
guint          pd_camera_get_dedupe_seconds  (PdCamera   *self);
void           pd_camera_set_dedupe_seconds  (PdCamera   *self,
                                              guint       seconds);
guint          pd_camera_get_decode_delay_ms (PdCamera   *self);
void           pd_camera_set_decode_delay_ms (PdCamera   *self,
                                              guint       delay_ms);
guint64        pd_camera_get_frames_received (PdCamera   *self);
guint64        pd_camera_get_frames_decoded  (PdCamera   *self);
guint64        pd_camera_get_frames_dropped  (PdCamera   *self);
guint          pd_camera_get_max_pending     (PdCamera   *self);

GListModel    *pd_camera_list_devices        (void);

/* Told when a camera is plugged in or out, on the thread-default main context of
 * the caller, until freed. */
typedef struct _PdCameraDeviceWatch PdCameraDeviceWatch;

PdCameraDeviceWatch *pd_camera_device_watch_new  (GCallback            changed,
                                                  gpointer             user_data);
void                 pd_camera_device_watch_free (PdCameraDeviceWatch *watch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdCameraDeviceWatch, pd_camera_device_watch_free)

G_END_DECLS
