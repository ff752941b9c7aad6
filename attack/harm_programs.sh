set -u
cd /tmp/h2
rm -rf out cpy t.tar x g
make -j2 -s 2>&1 | head -3; echo make=$?
cp -a src cpy && echo cpa=ok
tar cf t.tar src link1 && mkdir x && tar xf t.tar -C x && echo tar=ok && ls -l x | wc -l
python3 -c "
import os,tempfile,subprocess,threading,socket
d=tempfile.mkdtemp(); p=os.path.join(d,'f'); open(p,'w').write('x'); print('py', open(p).read(), os.listdir(d))
s=socket.socket(socket.AF_UNIX); s.bind(d+'/s'); s.listen(5)
c=socket.socket(socket.AF_UNIX); c.connect(d+'/s'); print('unix ok')
print(subprocess.run(['echo','sub'],capture_output=True).stdout)
r=[]
def w():
  for i in range(200): r.append(len(open('/etc/hostname').read()))
ts=[threading.Thread(target=w) for _ in range(4)]; [t.start() for t in ts]; [t.join() for t in ts]; print('threads',len(r))
"
git init -q g && cd g && echo a > a && git add a && git -c user.email=a@b -c user.name=a commit -qm m && git log --oneline | wc -l && cd ..
bash -c 'exec 3<>/tmp/h2/fifo1; echo hi >&3; read l <&3; echo fifo=$l; cat /dev/stdin </dev/null; echo dev_stdin=$?; ls /dev/fd/ | wc -l; echo $(< /proc/self/comm)'
