//! A TCP proxy between a device and the server that can lose the server's
//! answers: the request arrives and is acted on, the answer never comes back,
//! which is what a field link does when signal drops mid-request. It can also
//! be pointed at a new upstream, so a restarted server keeps the device's URL.

use std::{
    net::SocketAddr,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
    task::JoinHandle,
};

/// The proxy's controls.
#[derive(Clone, Default)]
struct Controls {
    upstream: Arc<Mutex<Option<SocketAddr>>>,
    lose_answers: Arc<AtomicBool>,
}

/// A running proxy.
pub struct Proxy {
    /// The URL devices use.
    pub url: String,
    controls: Controls,
    task: JoinHandle<()>,
}

impl Proxy {
    /// Starts a proxy to `upstream` on 127.0.0.1, port 0.
    pub async fn start(upstream: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind proxy");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let controls = Controls::default();
        *controls.upstream.lock().expect("lock") = Some(upstream);
        let c = controls.clone();
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                tokio::spawn(relay(client, c.clone()));
            }
        });
        Self { url, controls, task }
    }

    /// From now on, answers are dropped (and the connection closed) or passed.
    pub fn lose_answers(&self, lose: bool) {
        self.controls.lose_answers.store(lose, Ordering::SeqCst);
    }

    /// New connections go to `upstream`.
    pub fn point_to(&self, upstream: SocketAddr) {
        *self.controls.upstream.lock().expect("lock") = Some(upstream);
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn relay(mut client: TcpStream, controls: Controls) {
    let Some(upstream) = *controls.upstream.lock().expect("lock") else { return };
    let Ok(mut server) = TcpStream::connect(upstream).await else { return };
    let (mut client_read, mut client_write) = client.split();
    let (mut server_read, mut server_write) = server.split();
    let up = tokio::io::copy(&mut client_read, &mut server_write);
    let down = async {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = server_read.read(&mut buf).await?;
            // Checked when the answer is ready: the server has done the work.
            if n == 0 || controls.lose_answers.load(Ordering::SeqCst) {
                return Ok::<_, std::io::Error>(());
            }
            client_write.write_all(&buf[..n]).await?;
        }
    };
    tokio::select! { _ = up => {}, _ = down => {} }
}

/// A listener that answers every request with a web page, as a hotel's or a
/// mall's Wi-Fi does before its terms are accepted. Serves until dropped.
pub struct CaptivePortal {
    /// Where it listens.
    pub addr: SocketAddr,
    task: JoinHandle<()>,
}

impl CaptivePortal {
    /// Starts one on 127.0.0.1, port 0.
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind portal");
        let addr = listener.local_addr().expect("addr");
        let task = tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                tokio::spawn(async move {
                    let mut request = [0u8; 4096];
                    let _ = socket.read(&mut request).await;
                    let page = "<html><body>Acepta los términos para navegar</body></html>";
                    let answer = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{page}",
                        page.len()
                    );
                    let _ = socket.write_all(answer.as_bytes()).await;
                });
            }
        });
        Self { addr, task }
    }
}

impl Drop for CaptivePortal {
    fn drop(&mut self) {
        self.task.abort();
    }
}
