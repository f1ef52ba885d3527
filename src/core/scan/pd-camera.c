/* pd-camera.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A camera is a GStreamer pipeline ending in an appsink. The streaming thread hands each frame
 * to the preview (latest frame only) and to one decoder thread through a single pending slot:
 * a frame arriving while the decoder is busy replaces the pending one, so a slow decoder drops
 * frames instead of queueing them and the preview stays live. Results travel back to the main
 * context of the thread that created the camera.
 */
#define G_LOG_DOMAIN "pd-scan"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/video.h>
#include <libportal/portal.h>

#include "pd-camera.h"
#include "pd-enum-types.h"
#include "pd-scanner.h"

#define RETRY_SECONDS       3
#define FOUND_STATE_MS      2000
#define DEDUPE_TABLE_PRUNE  64
/* BGRA rather than BGRx: GDK 4.8 has no memory format with a padding byte, and the alpha that
 * videoconvert adds is opaque. */
#define SINK_DESCRIPTION    "videoconvert ! video/x-raw,format=BGRA ! " \
                            "appsink name=pd_sink max-buffers=1 drop=true enable-last-sample=false"

typedef struct
{
  guint64 received;
  guint64 decoded;
  guint64 dropped;
  guint   max_pending;
} PdCameraStats;

/* One run of the pipeline: shared by the main thread, the streaming thread and the decoder.
 * The main thread drops its reference after joining the decoder, queued dispatches hold their
 * own, and `camera` (main thread only) is cleared so late dispatches do nothing. */
typedef struct
{
  PdCamera     *camera;
  GMainContext *context;
  GThread      *worker;

  GMutex        mutex;
  GCond         cond;
  GstSample    *pending;
  guint         n_pending;
  GstSample    *preview;
  GPtrArray    *found;        /* every detection, for the outline */
  GArray       *found_is_new; /* per detection: not seen within the dedupe interval */
  gboolean      dispatch_queued;
  gboolean      quit;

  gint64        dedupe_us;
  PdCameraStats stats;

  gint          forget_codes;
  gint          decode_delay_ms;
} PdCameraSession;

struct _PdCameraDevice
{
  GObject  parent_instance;

  char    *display_name;
  char    *path;
};

struct _PdCamera
{
  GObject          parent_instance;

  GMainContext    *context;
  PdCameraState    state;
  char            *error_message;
  char            *pipeline_description;
  char            *device;
  guint            dedupe_seconds;
  guint            decode_delay_ms;
  guint            started : 1;
  guint            paused : 1;

  GstElement      *pipeline;
  GSource         *bus_source;
  PdCameraSession *session;
  GSource         *retry_source;
  GSource         *found_source;

  XdpPortal       *portal;
  GCancellable    *portal_cancellable;
  int              portal_fd;

  PdCameraStats    ended_stats;
};

G_DEFINE_FINAL_TYPE (PdCameraDevice, pd_camera_device, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (PdCamera, pd_camera, G_TYPE_OBJECT)

enum {
  DEVICE_PROP_0,
  DEVICE_PROP_DISPLAY_NAME,
  DEVICE_PROP_PATH,
  N_DEVICE_PROPS
};

enum {
  PROP_0,
  PROP_STATE,
  PROP_ERROR_MESSAGE,
  PROP_PIPELINE,
  PROP_DEVICE,
  PROP_PAUSED,
  PROP_DEDUPE_SECONDS,
  PROP_DECODE_DELAY_MS,
  PROP_FRAMES_RECEIVED,
  PROP_FRAMES_DECODED,
  PROP_FRAMES_DROPPED,
  PROP_MAX_PENDING,
  N_PROPS
};

enum {
  CODE_FOUND,
  CODE_SEEN,
  PREVIEW_FRAME,
  STATE_CHANGED,
  N_SIGNALS
};

static GParamSpec *device_properties[N_DEVICE_PROPS];
static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_pipeline (PdCamera *self);

/* PdCameraDevice */

static void
pd_camera_device_finalize (GObject *object)
{
  PdCameraDevice *self = (PdCameraDevice *)object;

  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (pd_camera_device_parent_class)->finalize (object);
}

static void
pd_camera_device_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PdCameraDevice *self = PD_CAMERA_DEVICE (object);

  switch (prop_id)
    {
    case DEVICE_PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;

    case DEVICE_PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_camera_device_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PdCameraDevice *self = PD_CAMERA_DEVICE (object);

  switch (prop_id)
    {
    case DEVICE_PROP_DISPLAY_NAME:
      self->display_name = g_value_dup_string (value);
      break;

    case DEVICE_PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_camera_device_class_init (PdCameraDeviceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_camera_device_finalize;
  object_class->get_property = pd_camera_device_get_property;
  object_class->set_property = pd_camera_device_set_property;

  device_properties[DEVICE_PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  device_properties[DEVICE_PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_DEVICE_PROPS, device_properties);
}

static void
pd_camera_device_init (PdCameraDevice *self)
{
}

/* Session: shared between threads */

static PdCameraSession *
session_new (PdCamera *self)
{
  PdCameraSession *session = g_atomic_rc_box_new0 (PdCameraSession);

  session->camera = self;
  session->context = g_main_context_ref (self->context);
  session->found = g_ptr_array_new_with_free_func (g_object_unref);
  session->found_is_new = g_array_new (FALSE, FALSE, sizeof (gboolean));
  session->decode_delay_ms = self->decode_delay_ms;
  session->dedupe_us = (gint64)self->dedupe_seconds * G_USEC_PER_SEC;
  g_mutex_init (&session->mutex);
  g_cond_init (&session->cond);

  return session;
}

static void
session_clear (PdCameraSession *session)
{
  g_assert (session->worker == NULL);

  g_clear_pointer (&session->pending, gst_sample_unref);
  g_clear_pointer (&session->preview, gst_sample_unref);
  g_clear_pointer (&session->found, g_ptr_array_unref);
  g_clear_pointer (&session->found_is_new, g_array_unref);
  g_main_context_unref (session->context);
  g_mutex_clear (&session->mutex);
  g_cond_clear (&session->cond);
}

static void
session_unref (PdCameraSession *session)
{
  g_atomic_rc_box_release_full (session, (GDestroyNotify)session_clear);
}

static gboolean
on_session_dispatch_cb (gpointer user_data);

/* Called with the session mutex held. */
static void
session_queue_dispatch (PdCameraSession *session)
{
  g_autoptr(GSource) source = NULL;

  if (session->dispatch_queued)
    return;

  session->dispatch_queued = TRUE;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[pd-camera-dispatch]");
  g_source_set_callback (source, on_session_dispatch_cb,
                         g_atomic_rc_box_acquire (session), (GDestroyNotify)session_unref);
  g_source_attach (source, session->context);
}

/* Decoder thread */

static gboolean
is_new_code (PdCameraSession *session,
             GHashTable      *seen,
             const char      *text)
{
  gint64 now = g_get_monotonic_time ();
  gint64 *last = g_hash_table_lookup (seen, text);
  gboolean is_new;

  /* "Seen" is refreshed on every sighting: a card held in front of the camera is reported
   * once, and again only after it has been out of view for the dedupe interval. */
  is_new = last == NULL || now - *last > session->dedupe_us;

  if (g_hash_table_size (seen) > DEDUPE_TABLE_PRUNE)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, seen);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (now - *(gint64 *)value > session->dedupe_us)
          g_hash_table_iter_remove (&iter);
    }

  g_hash_table_insert (seen, g_strdup (text), g_memdup2 (&now, sizeof now));

  return is_new;
}

static void
decode_sample (PdCameraSession *session,
               PdScanner       *scanner,
               GHashTable      *seen,
               GstSample       *sample)
{
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstVideoInfo info;
  GstMapInfo map;
  gint delay_ms = g_atomic_int_get (&session->decode_delay_ms);

  if (delay_ms > 0)
    g_usleep ((gulong)delay_ms * 1000);

  if (!gst_video_info_from_caps (&info, gst_sample_get_caps (sample)) ||
      !gst_buffer_map (buffer, &map, GST_MAP_READ))
    return;

  codes = pd_scanner_scan_frame (scanner, map.data,
                                 GST_VIDEO_INFO_WIDTH (&info), GST_VIDEO_INFO_HEIGHT (&info),
                                 GST_VIDEO_INFO_PLANE_STRIDE (&info, 0),
                                 PD_PIXEL_FORMAT_BGRA32, PD_CODE_SOURCE_CAMERA, &error);
  gst_buffer_unmap (buffer, &map);

  if (codes == NULL)
    {
      g_debug ("Frame not scanned: %s", error->message);
      return;
    }

  if (g_atomic_int_compare_and_exchange (&session->forget_codes, TRUE, FALSE))
    g_hash_table_remove_all (seen);

  g_mutex_lock (&session->mutex);
  session->stats.decoded++;
  for (guint i = 0; i < codes->len; i++)
    {
      PdCode *code = g_ptr_array_index (codes, i);
      gboolean is_new = is_new_code (session, seen, pd_code_get_text (code));

      g_ptr_array_add (session->found, g_object_ref (code));
      g_array_append_val (session->found_is_new, is_new);
      session_queue_dispatch (session);
    }
  g_mutex_unlock (&session->mutex);
}

static gpointer
decoder_thread (gpointer user_data)
{
  PdCameraSession *session = user_data;
  g_autoptr(PdScanner) scanner = pd_scanner_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (;;)
    {
      g_autoptr(GstSample) sample = NULL;

      g_mutex_lock (&session->mutex);
      while (!session->quit && session->pending == NULL)
        g_cond_wait (&session->cond, &session->mutex);
      if (session->quit)
        {
          g_mutex_unlock (&session->mutex);
          break;
        }
      sample = g_steal_pointer (&session->pending);
      session->n_pending--;
      g_mutex_unlock (&session->mutex);

      decode_sample (session, scanner, seen, sample);
    }

  return NULL;
}

/* Streaming thread */

static GstFlowReturn
on_new_sample_cb (GstAppSink *sink,
                  gpointer    user_data)
{
  PdCameraSession *session = user_data;
  g_autoptr(GstSample) sample = gst_app_sink_pull_sample (sink);

  if (sample == NULL)
    return GST_FLOW_EOS;

  g_mutex_lock (&session->mutex);
  session->stats.received++;

  if (session->pending != NULL)
    {
      g_clear_pointer (&session->pending, gst_sample_unref);
      session->n_pending--;
      session->stats.dropped++;
    }
  session->pending = gst_sample_ref (sample);
  session->n_pending++;
  session->stats.max_pending = MAX (session->stats.max_pending, session->n_pending);
  g_cond_signal (&session->cond);

  g_clear_pointer (&session->preview, gst_sample_unref);
  session->preview = g_steal_pointer (&sample);
  session_queue_dispatch (session);
  g_mutex_unlock (&session->mutex);

  return GST_FLOW_OK;
}

/* Main thread */

static void
set_state (PdCamera      *self,
           PdCameraState  state,
           const char    *error_message)
{
  gboolean changed = FALSE;

  if (g_strcmp0 (self->error_message, error_message) != 0)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (error_message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
      changed = TRUE;
    }

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
      changed = TRUE;
    }

  if (changed)
    g_signal_emit (self, signals[STATE_CHANGED], 0);
}

static GSource *
attach_timeout (PdCamera    *self,
                guint        interval_ms,
                GSourceFunc  callback)
{
  GSource *source = g_timeout_source_new (interval_ms);

  g_source_set_callback (source, callback, self, NULL);
  g_source_attach (source, self->context);

  return source;
}

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
unmap_buffer (gpointer data)
{
  GstMapInfo *map = data;
  GstBuffer *buffer = map->user_data[0];

  gst_buffer_unmap (buffer, map);
  gst_buffer_unref (buffer);
  g_free (map);
}

static void
emit_preview (PdCamera  *self,
              GstSample *sample)
{
  g_autoptr(GBytes) bytes = NULL;
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstVideoInfo info;
  GstMapInfo *map = g_new0 (GstMapInfo, 1);

  if (!gst_video_info_from_caps (&info, gst_sample_get_caps (sample)) ||
      !gst_buffer_map (buffer, map, GST_MAP_READ))
    {
      g_free (map);
      return;
    }

  /* The preview shares the camera's buffer instead of copying a full frame at 30 fps. */
  map->user_data[0] = gst_buffer_ref (buffer);
  bytes = g_bytes_new_with_free_func (map->data, map->size, unmap_buffer, map);

  g_signal_emit (self, signals[PREVIEW_FRAME], 0, bytes,
                 GST_VIDEO_INFO_WIDTH (&info), GST_VIDEO_INFO_HEIGHT (&info),
                 GST_VIDEO_INFO_PLANE_STRIDE (&info, 0));
}

static gboolean
on_found_timeout_cb (gpointer user_data)
{
  PdCamera *self = user_data;

  g_clear_pointer (&self->found_source, g_source_unref);
  if (self->state == PD_CAMERA_STATE_FOUND)
    set_state (self, PD_CAMERA_STATE_LOOKING, NULL);

  return G_SOURCE_REMOVE;
}

/* The state stays FOUND while a code is in view, and goes back to LOOKING a little after. */
static void
emit_code (PdCamera *self,
           PdCode   *code,
           gboolean  is_new)
{
  clear_source (&self->found_source);
  self->found_source = attach_timeout (self, FOUND_STATE_MS, on_found_timeout_cb);
  set_state (self, PD_CAMERA_STATE_FOUND, NULL);

  g_signal_emit (self, signals[CODE_SEEN], 0, code);
  if (is_new)
    g_signal_emit (self, signals[CODE_FOUND], 0, code);
}

static gboolean
on_session_dispatch_cb (gpointer user_data)
{
  PdCameraSession *session = user_data;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GArray) found_is_new = NULL;
  g_autoptr(GstSample) preview = NULL;
  g_autoptr(PdCamera) self = NULL;

  g_mutex_lock (&session->mutex);
  found = g_steal_pointer (&session->found);
  session->found = g_ptr_array_new_with_free_func (g_object_unref);
  found_is_new = g_steal_pointer (&session->found_is_new);
  session->found_is_new = g_array_new (FALSE, FALSE, sizeof (gboolean));
  preview = g_steal_pointer (&session->preview);
  session->dispatch_queued = FALSE;
  g_mutex_unlock (&session->mutex);

  if (session->camera == NULL)
    return G_SOURCE_REMOVE;

  /* A handler may stop or drop the camera: keep it alive and check the session each time. */
  self = g_object_ref (session->camera);

  if (preview != NULL)
    {
      if (self->state == PD_CAMERA_STATE_STARTING)
        set_state (self, PD_CAMERA_STATE_LOOKING, NULL);
      emit_preview (self, preview);
    }

  for (guint i = 0; i < found->len && session->camera != NULL; i++)
    emit_code (self, g_ptr_array_index (found, i), g_array_index (found_is_new, gboolean, i));

  return G_SOURCE_REMOVE;
}

static void
end_session (PdCamera *self,
             gboolean  emit)
{
  PdCameraSession *session = g_steal_pointer (&self->session);

  g_mutex_lock (&session->mutex);
  session->quit = TRUE;
  g_cond_signal (&session->cond);
  g_mutex_unlock (&session->mutex);
  g_clear_pointer (&session->worker, g_thread_join);

  self->ended_stats.received += session->stats.received;
  self->ended_stats.decoded += session->stats.decoded;
  self->ended_stats.dropped += session->stats.dropped;
  self->ended_stats.max_pending = MAX (self->ended_stats.max_pending, session->stats.max_pending);

  /* Codes decoded just before the end (a file pipeline reaching its end) still count. */
  if (emit)
    {
      g_autoptr(GstSample) preview = NULL;

      g_mutex_lock (&session->mutex);
      preview = g_steal_pointer (&session->preview);
      g_mutex_unlock (&session->mutex);
      on_session_dispatch_cb (session);
    }

  session->camera = NULL;
  session_unref (session);
}

static void
teardown (PdCamera *self,
          gboolean  emit)
{
  g_cancellable_cancel (self->portal_cancellable);
  g_clear_object (&self->portal_cancellable);
  clear_source (&self->bus_source);

  if (self->pipeline != NULL)
    {
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      gst_clear_object (&self->pipeline);
    }

  if (self->portal_fd >= 0)
    {
      g_close (self->portal_fd, NULL);
      self->portal_fd = -1;
    }

  if (self->session != NULL)
    end_session (self, emit);
}

static PdCameraStats
get_stats (PdCamera *self)
{
  PdCameraStats stats = self->ended_stats;

  if (self->session != NULL)
    {
      g_mutex_lock (&self->session->mutex);
      stats.received += self->session->stats.received;
      stats.decoded += self->session->stats.decoded;
      stats.dropped += self->session->stats.dropped;
      stats.max_pending = MAX (stats.max_pending, self->session->stats.max_pending);
      g_mutex_unlock (&self->session->mutex);
    }

  return stats;
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static gboolean
on_retry_cb (gpointer user_data)
{
  PdCamera *self = user_data;

  g_clear_pointer (&self->retry_source, g_source_unref);
  start_pipeline (self);

  return G_SOURCE_REMOVE;
}

/* Stops the pipeline, shows what went wrong and, if it can get better by itself (a camera
 * plugged back in, another application letting go of it), tries again in a few seconds. */
static void
fail (PdCamera      *self,
      PdCameraState  state,
      const char    *message,
      gboolean       retry)
{
  teardown (self, TRUE);
  clear_source (&self->found_source);
  set_state (self, state, message);

  clear_source (&self->retry_source);
  if (retry)
    self->retry_source = attach_timeout (self, RETRY_SECONDS * 1000, on_retry_cb);
}

static void
handle_bus_error (PdCamera *self,
                  GError   *error)
{
  g_autofree char *message = NULL;
  PdCameraState state = PD_CAMERA_STATE_ERROR;

  g_debug ("Camera pipeline error: %s", error->message);

  if (g_error_matches (error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_FOUND))
    {
      state = PD_CAMERA_STATE_NO_CAMERA;
      message = g_strdup (_("The camera is not connected. Connect it or choose another camera; "
                            "PermitDesk keeps trying."));
    }
  else if (g_error_matches (error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_BUSY))
    message = g_strdup (_("The camera is in use by another application. Close that application; "
                          "PermitDesk keeps trying."));
  else if (g_error_matches (error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_READ) ||
           g_error_matches (error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_OPEN_READ) ||
           g_error_matches (error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_OPEN_READ_WRITE))
    message = g_strdup (_("The camera stopped working or was unplugged. Check its cable; "
                          "PermitDesk keeps trying."));
  else
    /* GStreamer's own words stay in the debug log: the officer gets one sentence. */
    message = g_strdup (_("The camera failed. PermitDesk keeps trying; meanwhile you "
                          "can open an image or type a code."));

  fail (self, state, message, TRUE);
}

static gboolean
on_bus_message_cb (GstBus     *bus,
                   GstMessage *message,
                   gpointer    user_data)
{
  PdCamera *self = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) error = NULL;

        gst_message_parse_error (message, &error, NULL);
        handle_bus_error (self, error);
      }
      break;

    case GST_MESSAGE_EOS:
      teardown (self, TRUE);
      clear_source (&self->found_source);
      set_state (self, PD_CAMERA_STATE_STOPPED, NULL);
      break;

    default:
      break;
    }

  return G_SOURCE_CONTINUE;
}

static void
launch (PdCamera   *self,
        const char *source_description,
        const char *device)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autofree char *description = NULL;
  GstAppSinkCallbacks callbacks = { .new_sample = on_new_sample_cb };

  description = g_strdup_printf ("%s ! " SINK_DESCRIPTION, source_description);
  self->pipeline = gst_parse_launch_full (description, NULL, GST_PARSE_FLAG_FATAL_ERRORS, &error);
  if (self->pipeline == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The camera pipeline cannot be built (%s). Correct the camera "
                           "pipeline setting or clear it to use the default camera."),
                         error->message);

      fail (self, PD_CAMERA_STATE_ERROR, message, FALSE);
      return;
    }

  if (device != NULL)
    {
      g_autoptr(GstElement) source = gst_bin_get_by_name (GST_BIN (self->pipeline), "pd_src");

      g_object_set (source, "device", device, NULL);
    }

  self->session = session_new (self);
  self->session->worker = g_thread_new ("pd-camera-decoder", decoder_thread, self->session);

  sink = gst_bin_get_by_name (GST_BIN (self->pipeline), "pd_sink");
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, self->session, NULL);

  bus = gst_element_get_bus (self->pipeline);
  self->bus_source = gst_bus_create_watch (bus);
  g_source_set_callback (self->bus_source, (GSourceFunc)(GCallback)on_bus_message_cb, self, NULL);
  g_source_attach (self->bus_source, self->context);

  /* A failure to start is also posted on the bus, where it is handled like any other. */
  gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
}

/* ---- the video sources there are --------------------------------------------------
 *
 * One GstDeviceMonitor for the process: a GStreamer 1.22 device provider tells one
 * monitor at a time, so a second monitor (a probe while the Verify view watches for
 * cameras) would silence the first. It runs while a PdCameraDeviceWatch holds it, and
 * for the length of a probe otherwise. Main thread only. */

typedef struct {
  GstDeviceMonitor *monitor;
  gboolean          started;
  guint             users;
  guint             bus_watch;
  GPtrArray        *watches;   /* PdCameraDeviceWatch, not owned */
} SharedMonitor;

static SharedMonitor shared;

static gboolean on_device_message_cb (GstBus     *bus,
                                      GstMessage *message,
                                      gpointer    data);

static void
monitor_acquire (void)
{
  g_autoptr(GstBus) bus = NULL;

  if (shared.users++ > 0)
    return;

  shared.monitor = gst_device_monitor_new ();
  shared.watches = g_ptr_array_new ();
  gst_device_monitor_add_filter (shared.monitor, "Video/Source", NULL);
  bus = gst_device_monitor_get_bus (shared.monitor);
  shared.bus_watch = gst_bus_add_watch (bus, on_device_message_cb, NULL);
  shared.started = gst_device_monitor_start (shared.monitor);
  if (!shared.started)
    g_debug ("No camera monitor could start: cameras plugged in later are listed when the view is shown again");
}

static void
monitor_release (void)
{
  g_return_if_fail (shared.users > 0);

  if (--shared.users > 0)
    return;

  g_clear_handle_id (&shared.bus_watch, g_source_remove);
  if (shared.started)
    gst_device_monitor_stop (shared.monitor);
  shared.started = FALSE;
  g_clear_object (&shared.monitor);
  g_clear_pointer (&shared.watches, g_ptr_array_unref);
}

static GList *
probe_devices (void)
{
  GList *devices = NULL;

  monitor_acquire ();
  if (shared.started)
    devices = gst_device_monitor_get_devices (shared.monitor);
  monitor_release ();

  return devices;
}

static gboolean
portal_is_available (PdCamera *self)
{
  g_autoptr(GstElementFactory) factory = gst_element_factory_find ("pipewiresrc");
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  if (factory == NULL)
    return FALSE;

  /* Asked first so that libportal does not warn on systems without the portal. */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus != NULL)
    reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                         "org.freedesktop.DBus", "NameHasOwner",
                                         g_variant_new ("(s)", "org.freedesktop.portal.Desktop"),
                                         G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 1000,
                                         NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  if (!has_owner)
    return FALSE;

  if (self->portal == NULL)
    self->portal = xdp_portal_new ();

  return xdp_portal_is_camera_present (self->portal);
}

/* The portal always answers, even when cancelled: the request keeps the camera alive until then. */
typedef struct
{
  PdCamera     *camera;
  GCancellable *cancellable;
} PortalRequest;

static void
portal_request_free (PortalRequest *request)
{
  g_object_unref (request->camera);
  g_object_unref (request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PortalRequest, portal_request_free)

static void
on_camera_access_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PortalRequest) request = user_data;
  PdCamera *self = request->camera;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  gboolean granted;

  granted = xdp_portal_access_camera_finish (XDP_PORTAL (object), result, &error);

  /* A request overtaken by stop, pause or a restart is ignored, whatever its answer. */
  if (g_cancellable_is_cancelled (request->cancellable))
    return;

  if (!granted)
    {
      fail (self, PD_CAMERA_STATE_ERROR,
            _("PermitDesk may not use the camera. Allow it in Settings, Privacy, Camera, then "
              "start the camera again."), FALSE);
      return;
    }

  self->portal_fd = xdp_portal_open_pipewire_remote_for_camera (XDP_PORTAL (object));
  if (self->portal_fd < 0)
    {
      fail (self, PD_CAMERA_STATE_ERROR,
            _("The camera could not be opened. PermitDesk keeps trying."), TRUE);
      return;
    }

  description = g_strdup_printf ("pipewiresrc fd=%d", self->portal_fd);
  launch (self, description, NULL);
}

static void
start_pipeline (PdCamera *self)
{
  const char *env = g_getenv ("PERMITDESK_CAMERA_PIPELINE");
  g_autolist(GstDevice) devices = NULL;

  teardown (self, TRUE);
  clear_source (&self->retry_source);
  set_state (self, PD_CAMERA_STATE_STARTING, NULL);

  if (env != NULL && env[0] != '\0')
    launch (self, env, NULL);
  else if (self->pipeline_description != NULL && self->pipeline_description[0] != '\0')
    launch (self, self->pipeline_description, NULL);
  else if (portal_is_available (self))
    {
      /* The portal may ask the user first. */
      PortalRequest *request = g_new0 (PortalRequest, 1);

      self->portal_cancellable = g_cancellable_new ();
      request->camera = g_object_ref (self);
      request->cancellable = g_object_ref (self->portal_cancellable);
      xdp_portal_access_camera (self->portal, NULL, XDP_CAMERA_FLAG_NONE,
                                self->portal_cancellable, on_camera_access_cb, request);
    }
  else if (self->device != NULL)
    launch (self, "v4l2src name=pd_src", self->device);
  else if ((devices = probe_devices ()) != NULL)
    launch (self, "autovideosrc", NULL);
  else
    fail (self, PD_CAMERA_STATE_NO_CAMERA,
          _("No camera is connected. Connect a webcam, or open an image or type a code; "
            "PermitDesk keeps looking for a camera."), TRUE);
}

static void
pd_camera_dispose (GObject *object)
{
  PdCamera *self = (PdCamera *)object;

  teardown (self, FALSE);
  clear_source (&self->retry_source);
  clear_source (&self->found_source);
  g_clear_object (&self->portal);

  G_OBJECT_CLASS (pd_camera_parent_class)->dispose (object);
}

static void
pd_camera_finalize (GObject *object)
{
  PdCamera *self = (PdCamera *)object;

  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->pipeline_description, g_free);
  g_clear_pointer (&self->device, g_free);

  G_OBJECT_CLASS (pd_camera_parent_class)->finalize (object);
}

static void
pd_camera_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PdCamera *self = PD_CAMERA (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    case PROP_PIPELINE:
      g_value_set_string (value, self->pipeline_description);
      break;

    case PROP_DEVICE:
      g_value_set_string (value, self->device);
      break;

    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;

    case PROP_DEDUPE_SECONDS:
      g_value_set_uint (value, self->dedupe_seconds);
      break;

    case PROP_DECODE_DELAY_MS:
      g_value_set_uint (value, self->decode_delay_ms);
      break;

    case PROP_FRAMES_RECEIVED:
      g_value_set_uint64 (value, pd_camera_get_frames_received (self));
      break;

    case PROP_FRAMES_DECODED:
      g_value_set_uint64 (value, pd_camera_get_frames_decoded (self));
      break;

    case PROP_FRAMES_DROPPED:
      g_value_set_uint64 (value, pd_camera_get_frames_dropped (self));
      break;

    case PROP_MAX_PENDING:
      g_value_set_uint (value, pd_camera_get_max_pending (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_camera_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PdCamera *self = PD_CAMERA (object);

  switch (prop_id)
    {
    case PROP_PIPELINE:
      pd_camera_set_pipeline (self, g_value_get_string (value));
      break;

    case PROP_DEVICE:
      pd_camera_set_device (self, g_value_get_string (value));
      break;

    case PROP_PAUSED:
      pd_camera_set_paused (self, g_value_get_boolean (value));
      break;

    case PROP_DEDUPE_SECONDS:
      pd_camera_set_dedupe_seconds (self, g_value_get_uint (value));
      break;

    case PROP_DECODE_DELAY_MS:
      pd_camera_set_decode_delay_ms (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_camera_class_init (PdCameraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = pd_camera_dispose;
  object_class->finalize = pd_camera_finalize;
  object_class->get_property = pd_camera_get_property;
  object_class->set_property = pd_camera_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, PD_TYPE_CAMERA_STATE, PD_CAMERA_STATE_STOPPED, ro);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, ro);
  properties[PROP_PIPELINE] = g_param_spec_string ("pipeline", NULL, NULL, NULL, rw);
  properties[PROP_DEVICE] = g_param_spec_string ("device", NULL, NULL, NULL, rw);
  properties[PROP_PAUSED] = g_param_spec_boolean ("paused", NULL, NULL, FALSE, rw);
  properties[PROP_DEDUPE_SECONDS] =
    g_param_spec_uint ("dedupe-seconds", NULL, NULL, 0, 3600, 3, rw);
  properties[PROP_DECODE_DELAY_MS] =
    g_param_spec_uint ("decode-delay-ms", NULL, NULL, 0, 10000, 0, rw);
  /* Counters change on other threads: read them, they are not notified. */
  properties[PROP_FRAMES_RECEIVED] =
    g_param_spec_uint64 ("frames-received", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_FRAMES_DECODED] =
    g_param_spec_uint64 ("frames-decoded", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_FRAMES_DROPPED] =
    g_param_spec_uint64 ("frames-dropped", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_MAX_PENDING] = g_param_spec_uint ("max-pending", NULL, NULL, 0, G_MAXUINT, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CODE_FOUND] =
    g_signal_new ("code-found", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, PD_TYPE_CODE);
  /* Every detection, new or not: where the code is now, to outline it. */
  signals[CODE_SEEN] =
    g_signal_new ("code-seen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, PD_TYPE_CODE);
  signals[PREVIEW_FRAME] =
    g_signal_new ("preview-frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_BYTES, G_TYPE_INT, G_TYPE_INT,
                  G_TYPE_INT);
  signals[STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gst_init (NULL, NULL);
}

static void
pd_camera_init (PdCamera *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->dedupe_seconds = 3;
  self->portal_fd = -1;
}

PdCamera *
pd_camera_new (void)
{
  return g_object_new (PD_TYPE_CAMERA, NULL);
}

void
pd_camera_start (PdCamera *self)
{
  g_return_if_fail (PD_IS_CAMERA (self));

  self->started = TRUE;
  if (!self->paused)
    start_pipeline (self);
}

void
pd_camera_stop (PdCamera *self)
{
  g_return_if_fail (PD_IS_CAMERA (self));

  self->started = FALSE;
  teardown (self, TRUE);
  clear_source (&self->retry_source);
  clear_source (&self->found_source);
  set_state (self, PD_CAMERA_STATE_STOPPED, NULL);
}

void
pd_camera_set_paused (PdCamera *self,
                      gboolean  paused)
{
  g_return_if_fail (PD_IS_CAMERA (self));

  paused = !!paused;
  if (self->paused == paused)
    return;

  self->paused = paused;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);

  if (!self->started)
    return;

  /* Pausing releases the camera (its light goes off) rather than freezing the pipeline. */
  if (paused)
    {
      teardown (self, TRUE);
      clear_source (&self->retry_source);
      clear_source (&self->found_source);
      set_state (self, PD_CAMERA_STATE_STOPPED, NULL);
    }
  else
    start_pipeline (self);
}

gboolean
pd_camera_get_paused (PdCamera *self)
{
  g_return_val_if_fail (PD_IS_CAMERA (self), FALSE);

  return self->paused;
}

void
pd_camera_forget_codes (PdCamera *self)
{
  g_return_if_fail (PD_IS_CAMERA (self));

  if (self->session != NULL)
    g_atomic_int_set (&self->session->forget_codes, TRUE);
}

PdCameraState
pd_camera_get_state (PdCamera *self)
{
  g_return_val_if_fail (PD_IS_CAMERA (self), PD_CAMERA_STATE_STOPPED);

  return self->state;
}

const char *
pd_camera_get_error_message (PdCamera *self)
{
  g_return_val_if_fail (PD_IS_CAMERA (self), NULL);

  return self->error_message;
}

const char *
pd_camera_get_pipeline (PdCamera *self)
{
  g_return_val_if_fail (PD_IS_CAMERA (self), NULL);

  return self->pipeline_description;
}

void
pd_camera_set_pipeline (PdCamera   *self,
                        const char *pipeline)
{
  g_return_if_fail (PD_IS_CAMERA (self));

  if (set_string (&self->pipeline_description, pipeline))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIPELINE]);
}

const char *
pd_camera_get_device (PdCamera *self)
{
  g_return_val_if_fail (PD_IS_CAMERA (self), NULL);

  return self->device;
}

void
pd_camera_set_device (PdCamera   *self,
                      const char *device)
{
  g_return_if_fail (PD_IS_CAMERA (self));

  if (set_string (&self->device, device))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEVICE]);
}

guint
pd_camera_get_dedupe_seconds (PdCamera *self)
{
  g_return_val_if_fail (PD_IS_CAMERA (self), 0);

  return self->dedupe_seconds;
}

void
pd_camera_set_dedupe_seconds (PdCamera *self,
                              guint     seconds)
{
  g_return_if_fail (PD_IS_CAMERA (self));

  if (self->dedupe_seconds == seconds)
    return;

  self->dedupe_seconds = seconds;
  if (self->session != NULL)
    {
      g_mutex_lock (&self->session->mutex);
      self->session->dedupe_us = (gint64)seconds * G_USEC_PER_SEC;
      g_mutex_unlock (&self->session->mutex);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEDUPE_SECONDS]);
}

guint
pd_camera_get_decode_delay_ms (PdCamera *self)
{
  g_return_val_if_fail (PD_IS_CAMERA (self), 0);

  return self->decode_delay_ms;
}

void
pd_camera_set_decode_delay_ms (PdCamera *self,
                               guint     delay_ms)
{
  g_return_if_fail (PD_IS_CAMERA (self));

  if (self->decode_delay_ms == delay_ms)
    return;

  self->decode_delay_ms = delay_ms;
  if (self->session != NULL)
    g_atomic_int_set (&self->session->decode_delay_ms, delay_ms);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECODE_DELAY_MS]);
}

guint64
pd_camera_get_frames_received (PdCamera *self)
{
  g_return_val_if_fail (PD_IS_CAMERA (self), 0);

  return get_stats (self).received;
}

guint64
pd_camera_get_frames_decoded (PdCamera *self)
{
  g_return_val_if_fail (PD_IS_CAMERA (self), 0);

  return get_stats (self).decoded;
}

guint64
pd_camera_get_frames_dropped (PdCamera *self)
{
  g_return_val_if_fail (PD_IS_CAMERA (self), 0);

  return get_stats (self).dropped;
}

guint
pd_camera_get_max_pending (PdCamera *self)
{
  g_return_val_if_fail (PD_IS_CAMERA (self), 0);

  return get_stats (self).max_pending;
}

/* The cameras among @devices, one per device path (v4l2src opens a device by path). */
static GListModel *
cameras_of (GList *devices)
{
  GListStore *store = g_list_store_new (PD_TYPE_CAMERA_DEVICE);
  g_autoptr(GHashTable) paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (const GList *l = devices; l != NULL; l = l->next)
    {
      g_autoptr(GstStructure) props = gst_device_get_properties (l->data);
      g_autofree char *name = gst_device_get_display_name (l->data);
      g_autoptr(PdCameraDevice) device = NULL;
      const char *path = NULL;

      if (props != NULL)
        path = gst_structure_get_string (props, "api.v4l2.path") ?:
               gst_structure_get_string (props, "device.path");

      /* The same camera may be listed by several providers. */
      if (path == NULL || g_hash_table_contains (paths, path))
        continue;
      g_hash_table_add (paths, g_strdup (path));

      device = pd_camera_device_new (name, path);
      g_list_store_append (store, device);
    }

  return G_LIST_MODEL (store);
}

/* The cameras there are now (from the process's device monitor). */
GListModel *
pd_camera_list_devices (void)
{
  g_autolist(GstDevice) devices = NULL;

  gst_init (NULL, NULL);
  devices = probe_devices ();
  return cameras_of (devices);
}

struct _PdCameraDeviceWatch
{
  GCallback changed;
  gpointer  user_data;
};

static gboolean
on_device_message_cb (GstBus     *bus,
                      GstMessage *message,
                      gpointer    data)
{
  g_autoptr(GPtrArray) watches = NULL;

  if (GST_MESSAGE_TYPE (message) != GST_MESSAGE_DEVICE_ADDED &&
      GST_MESSAGE_TYPE (message) != GST_MESSAGE_DEVICE_REMOVED)
    return G_SOURCE_CONTINUE;

  /* A handler may free its watch. */
  watches = g_ptr_array_copy (shared.watches, NULL, NULL);
  for (guint i = 0; i < watches->len; i++)
    {
      PdCameraDeviceWatch *watch = g_ptr_array_index (watches, i);

      if (shared.watches != NULL && g_ptr_array_find (shared.watches, watch, NULL))
        ((void (*) (gpointer)) watch->changed) (watch->user_data);
    }
  return G_SOURCE_CONTINUE;
}

/**
 * pd_camera_device_watch_new:
 * @changed: called as `void changed (gpointer user_data)` when a video source
 *   appears or goes; pd_camera_list_devices() then tells the cameras there are
 * @user_data: for @changed
 *
 * Keeps the process's device monitor running for video sources (providers watch
 * udev or PipeWire: no polling). Main thread only. Returns: (transfer full): the
 * watch, never NULL; when no monitor can start, @changed is never called.
 */
PdCameraDeviceWatch *
pd_camera_device_watch_new (GCallback changed,
                            gpointer  user_data)
{
  PdCameraDeviceWatch *watch;

  g_return_val_if_fail (changed != NULL, NULL);

  gst_init (NULL, NULL);
  watch = g_new0 (PdCameraDeviceWatch, 1);
  watch->changed = changed;
  watch->user_data = user_data;
  monitor_acquire ();
  g_ptr_array_add (shared.watches, watch);
  return watch;
}

void
pd_camera_device_watch_free (PdCameraDeviceWatch *watch)
{
  if (watch == NULL)
    return;

  g_ptr_array_remove (shared.watches, watch);
  g_free (watch);
  monitor_release ();
}

PdCameraDevice *
pd_camera_device_new (const char *display_name,
                      const char *path)
{
  g_return_val_if_fail (display_name != NULL, NULL);

  return g_object_new (PD_TYPE_CAMERA_DEVICE,
                       "display-name", display_name,
                       "path", path,
                       NULL);
}

const char *
pd_camera_device_get_display_name (PdCameraDevice *self)
{
  g_return_val_if_fail (PD_IS_CAMERA_DEVICE (self), NULL);

  return self->display_name;
}

const char *
pd_camera_device_get_path (PdCameraDevice *self)
{
  g_return_val_if_fail (PD_IS_CAMERA_DEVICE (self), NULL);

  return self->path;
}
